using ModelMeter.Costs;
using ModelMeter.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests;

/// <summary>
/// Issue 3, check 3: every model under ../shared/models and ../shared/models/real (PyTorch exports, silero VAD with If
/// and LSTM, PP-OCR, FastestDet, super_resolution, tract and burn models) analyses with zero unknown nodes and zero
/// shape diagnostics of severity Warning or Error. Graph-only models may carry the reader's warning about missing
/// external weights; that is a model-read warning, not a shape diagnostic, and is the only one allowed.
/// </summary>
public class RealModelCoverageTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Every_real_model_analyses_without_unknown_nodes_or_shape_warnings()
    {
        var files = Directory.GetFiles(Corpus.Path("models"), "*.onnx")
            .Concat(Directory.GetFiles(Corpus.Path("models", "real"), "*.onnx"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 20, $"expected the corpus models, found {files.Count}");
        var failures = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var model = OnnxReader.Read(file);
            var p = Analyzer.Analyze(model);
            var readWarnings = model.ReadWarnings.ToHashSet(StringComparer.Ordinal);
            var bad = p.Diagnostics.Where(d => d.Severity >= Severity.Warning && !readWarnings.Contains(d.Message)).ToList();
            output.WriteLine($"{name}: {p.Totals.Nodes} nodes, MACs {p.Totals.Macs:N0}, unknown {p.Totals.UnknownNodes}, warnings/errors {bad.Count}, read warnings {readWarnings.Count}");
            if (p.Totals.UnknownNodes > 0) failures.Add($"{name}: {p.Totals.UnknownNodes} unknown nodes ({string.Join(", ", p.Totals.UnknownOpTypes)})");
            failures.AddRange(bad.Take(5).Select(d => $"{name}: {d}"));
            foreach (var o in p.Outputs)
                if (o.Shape is null) failures.Add($"{name}: output {o.Name} has no shape");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

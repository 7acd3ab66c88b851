using System.Text.RegularExpressions;
using ModelMeter.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests.NodeSuite;

/// <summary>
/// Every model of the ONNX backend suites (all of onnx-node-tests) and of another importer's edge-case collection
/// (onnx-edge-cases, tracel-ai/burn) analyses without an unknown op type of the ai.onnx domains (ai.onnx, .ml,
/// .preview, .preview.training) or com.microsoft,
/// subgraphs included. Models the reader rejects are listed in the output (malformed files are part of the edge cases).
/// </summary>
public sealed partial class UnknownOpSweepTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"unknown op type '([^']+)' \(domain ([^)]+)\)")]
    private static partial Regex UnknownOp();

    [CorpusFact]
    public void No_unknown_standard_or_contrib_op_in_any_test_model()
    {
        var roots = new[] { Corpus.Path("onnx-node-tests"), Corpus.Path("onnx-edge-cases") };
        var files = roots.SelectMany(r => Directory.GetFiles(r, "*.onnx", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 2000, $"only {files.Count} models found");
        var unknown = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        int analysed = 0;
        foreach (var f in files)
        {
            IEnumerable<string> messages;
            try
            {
                var p = Analyzer.Analyze(OnnxReader.Read(f));
                messages = p.Diagnostics.Select(d => d.Message);
                analysed++;
            }
            catch (ModelMeterException e)
            {
                output.WriteLine($"not analysed: {Path.GetRelativePath(Corpus.Root!, f)}: {e.Message}");
                continue;
            }
            foreach (Match m in messages.SelectMany(s => UnknownOp().Matches(s)))
            {
                var domain = m.Groups[2].Value;
                if (!domain.StartsWith("ai.onnx", StringComparison.Ordinal) && domain != "com.microsoft") continue; // ai.onnx, .ml, .preview, .preview.training
                var key = $"{domain}:{m.Groups[1].Value}";
                if (!unknown.TryGetValue(key, out var list)) unknown[key] = list = [];
                list.Add(Path.GetRelativePath(Corpus.Root!, f));
            }
        }
        output.WriteLine($"{analysed} of {files.Count} models analysed");
        Assert.True(analysed > files.Count * 0.95, $"only {analysed} of {files.Count} models analysed");
        Assert.Empty(unknown.Select(kv => $"{kv.Key} ({kv.Value.Count}: {string.Join(", ", kv.Value.Distinct().Take(3))})"));
    }
}

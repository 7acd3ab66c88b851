using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Onnx;
using ModelMeter.Shapes;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests;

/// <summary>
/// Every PyTorch export in ../shared/models against the figures PyTorch itself counted (reference.json): Params and
/// BN buffers of the *.bn models exactly, Conv MACs = hook_conv_macs and Gemm+MatMul MACs = hook_linear_macs exactly
/// for the CNNs (both variants), vit_b_16's Conv+Gemm+MatMul MACs within 0.5% of torchvision's published GMACs, and
/// the output shape [batch,1000] symbolic and [8,1000] with batch=8.
/// </summary>
public class RealModelCountTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, long> s_batch8 = new() { ["batch"] = 8 };

    private static IEnumerable<(string File, string Arch, string Variant)> Models() =>
        Directory.GetFiles(Corpus.Path("models"), "*.onnx").Order(StringComparer.Ordinal)
            .Select(f => System.IO.Path.GetFileName(f))
            .Select(f => (f, f.Split('.')[0], f.Split('.')[1]));

    private static JsonElement Reference(string arch)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Corpus.Path("models", "reference.json")));
        return doc.RootElement.GetProperty(arch).Clone();
    }

    private static long Macs(ModelProfile p, params string[] ops) => p.Nodes.Where(n => ops.Contains(n.OpType)).Sum(n => n.Macs);

    [CorpusFact]
    public void Cnn_counts_equal_pytorch_hooks() => Check(cnn: true);

    [CorpusFact]
    public void Vit_macs_match_torchvision_published() => Check(cnn: false);

    private void Check(bool cnn)
    {
        var failures = new List<string>();
        foreach (var (file, arch, variant) in Models().Where(m => (m.Arch != "vit_b_16") == cnn))
        {
            var model = OnnxReader.Read(Corpus.Path("models", file));
            var reference = Reference(arch);
            var p = Analyzer.Analyze(model);
            var p8 = Analyzer.Analyze(model, new ShapeOptions(Dims: s_batch8));
            void Expect(string what, object expected, object actual)
            {
                if (!Equals(expected, actual)) failures.Add($"{file}: {what} expected {expected}, got {actual}");
            }
            long conv = Macs(p, "Conv"), linear = Macs(p, "Gemm", "MatMul");
            output.WriteLine($"{file}: params {p.Totals.Params:N0} buffers {p.Totals.Buffers:N0} conv {conv:N0} linear {linear:N0} out {p.Outputs[0].Shape}");
            foreach (var d in p.Diagnostics.Where(d => d.Severity == Severity.Error).Take(3)) failures.Add($"{file}: {d.Node}: {d.Message}");
            if (variant == "bn")
            {
                Expect("params", reference.GetProperty("torch_params").GetInt64(), p.Totals.Params);
                Expect("buffers (BN running stats)", reference.GetProperty("bn_params").GetInt64(), p.Totals.Buffers);
            }
            if (cnn)
            {
                Expect("Conv MACs", reference.GetProperty("hook_conv_macs").GetInt64(), conv);
                Expect("Gemm+MatMul MACs", reference.GetProperty("hook_linear_macs").GetInt64(), linear);
            }
            else
            {
                double g = (conv + linear) / 1e9, published = reference.GetProperty("torchvision_published_gmacs").GetDouble();
                if (Math.Abs(g / published - 1) > 0.005) failures.Add($"{file}: Conv+Gemm+MatMul GMACs {g:F3}, published {published}");
            }
            Expect("output shape", "[batch,1000]", p.Outputs.Single().Shape?.ToString() ?? "?");
            Expect("output shape with batch=8", "[8,1000]", p8.Outputs.Single().Shape?.ToString() ?? "?");
            Expect("MACs scale with batch=8", 8 * (conv + linear), Macs(p8, "Conv", "Gemm", "MatMul"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

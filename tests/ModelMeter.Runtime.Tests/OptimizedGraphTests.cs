using Microsoft.ML.OnnxRuntime;
using ModelMeter.Costs;
using ModelMeter.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Runtime.Tests;

/// <summary>
/// Graphs ONNX Runtime writes at ORT_ENABLE_ALL (SessionOptions.OptimizedModelFilePath: FusedConv, com.microsoft.nchwc
/// ReorderInput/Conv/pools/ReorderOutput) analyse with the core's built-in rules alone: no unknown node, no shape
/// warning, and the convolution MACs of the unoptimised graph: exactly at ORT_ENABLE_EXTENDED (FusedConv: fusion changes
/// no product), and at ORT_ENABLE_ALL plus the NCHWc channel padding of the reordered weights, which the kernels really
/// compute (the padded rows hold zeros; telling them apart would need the weight payloads, which counting never reads).
/// </summary>
public class OptimizedGraphTests(ITestOutputHelper output)
{
    [CorpusFact]
    public void Squeezenet_optimised_graph_counts_like_the_original()
    {
        Check("squeezenet1_1.fused.onnx", GraphOptimizationLevel.ORT_ENABLE_EXTENDED);
        Check("squeezenet1_1.fused.onnx", GraphOptimizationLevel.ORT_ENABLE_ALL);
    }

    [CorpusFact]
    public void Mobilenet_v2_optimised_graph_counts_like_the_original()
    {
        Check("mobilenet_v2.fused.onnx", GraphOptimizationLevel.ORT_ENABLE_EXTENDED);
        Check("mobilenet_v2.fused.onnx", GraphOptimizationLevel.ORT_ENABLE_ALL);
    }

    private void Check(string file, GraphOptimizationLevel level)
    {
        var path = Corpus.Path("models", file);
        var dir = Directory.CreateTempSubdirectory("mm-opt-");
        try
        {
            var optimized = System.IO.Path.Combine(dir.FullName, "optimized.onnx");
            using (var so = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = optimized })
            using (new InferenceSession(path, so)) { }
            var original = Analyzer.Analyze(OnnxReader.Read(path));
            var p = Analyzer.Analyze(OnnxReader.Read(optimized));
            var ops = p.Nodes.GroupBy(n => $"{n.Domain}:{n.OpType}").Select(g => $"{g.Key}×{g.Count()}");
            output.WriteLine($"{file} at {level}: optimised ops {string.Join(", ", ops)}");
            output.WriteLine($"MACs original {original.Totals.Macs:N0}, optimised {p.Totals.Macs:N0} ({(double)p.Totals.Macs / original.Totals.Macs:F4})");
            Assert.Equal(0, p.Totals.UnknownNodes);
            Assert.DoesNotContain(p.Diagnostics, d => d.Severity >= Severity.Warning);
            Assert.Contains(p.Nodes, n => n.OpType is "FusedConv" || n.Domain == "com.microsoft.nchwc");
            long convMacs = p.Nodes.Where(n => n.OpType is "Conv" or "FusedConv").Sum(n => n.Macs);
            long originalConv = original.Nodes.Where(n => n.OpType == "Conv").Sum(n => n.Macs);
            if (p.Nodes.Any(n => n.Domain == "com.microsoft.nchwc"))
                Assert.InRange((double)convMacs / originalConv, 1.0, 1.05); // channel padding only (mobilenet_v2: 24 → 32 channels…)
            else
                Assert.Equal(originalConv, convMacs);
            Assert.Equal(original.Outputs[0].Shape, p.Outputs[0].Shape);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

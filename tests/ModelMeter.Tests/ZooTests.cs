using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>Zoo models against torchvision's published Params (exact) and GMACs (within 0.5%).</summary>
public class ZooTests
{
    private static ModelProfile Analyze(Model m, long? batch = null) => Analyzer.Analyze(m, new ShapeOptions(
        Dims: batch is { } b ? new Dictionary<string, long> { ["batch"] = b } : null, Registry: TestGraphs.Registry));

    [Theory]
    [InlineData("resnet18", 11_689_512, 1.814)]
    [InlineData("resnet50", 25_557_032, 4.089)]
    [InlineData("zoo:mobilenet_v2", 3_504_872, 0.301)]
    public void Params_and_macs_match_torchvision(string name, long parameters, double gmacs)
    {
        var p = Analyze(ModelZoo.Build(name));
        Assert.Equal(parameters, p.Totals.Params);
        long macs = p.Nodes.Where(n => n.OpType is "Conv" or "Gemm" or "MatMul").Sum(n => n.Macs);
        Assert.InRange(macs / 1e9, gmacs * 0.995, gmacs * 1.005);
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("[batch,1000]", p.Outputs.Single().Shape?.ToString());
    }

    [Fact]
    public void Buffers_equal_batchnorm_params_and_batch_scales_macs()
    {
        var m = ModelZoo.Build("resnet18");
        var p1 = Analyze(m);
        Assert.Equal(9_600, p1.Totals.Buffers); // reference.json bn_params: running stats have the same size
        var p8 = Analyze(m, 8);
        Assert.Equal("[8,1000]", p8.Outputs.Single().Shape?.ToString());
        Assert.Equal(8 * p1.Totals.Macs, p8.Totals.Macs);
        Assert.All(m.Graph.Initializers.Values.Where(t => t.DataType == DataType.Float && t.Dims.Length > 0), t => Assert.False(t.HasPayload));
    }

    [Fact]
    public void With_weights_initializers_hold_deterministic_values()
    {
        var a = ModelZoo.Build("mobilenet_v2", withWeights: true).Graph.Initializers["features.0.0.weight"];
        var b = ModelZoo.Build("mobilenet_v2", withWeights: true).Graph.Initializers["features.0.0.weight"];
        Assert.True(a.HasPayload);
        Assert.Equal(32 * 3 * 3 * 3 * 4, a.ReadPayload().Length);
        Assert.Equal(a.ReadPayload(), b.ReadPayload());
        var v = ModelZoo.Build("mobilenet_v2", withWeights: true).Graph.Initializers["features.0.1.running_var"].TryReadDoubles()!;
        Assert.All(v, x => Assert.InRange(x, 0.5, 1.5));
    }

    [Fact]
    public void Unknown_name_is_a_usage_error_listing_names()
    {
        var e = Assert.Throws<ModelMeterException>(() => ModelZoo.Build("zoo:resnet7"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("resnet50", e.Message, StringComparison.Ordinal);
    }
}

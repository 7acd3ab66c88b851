using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>Zoo models against torchvision's published Params (exact) and GMACs (within 0.5%), BERT-base against Hugging Face.</summary>
public class ZooTests
{
    private static ModelProfile Analyze(Model m, long? batch = null) => Analyzer.Analyze(m, new ShapeOptions(
        Dims: batch is { } b ? new Dictionary<string, long> { ["batch"] = b } : null, Registry: TestGraphs.Registry));

    [Theory]
    [InlineData("resnet18", 11_689_512, 1.814)]
    [InlineData("resnet50", 25_557_032, 4.089)]
    [InlineData("zoo:mobilenet_v2", 3_504_872, 0.301)]
    [InlineData("resnet34", 21_797_672, 3.664)]
    [InlineData("resnet101", 44_549_160, 7.801)]
    [InlineData("resnet152", 60_192_808, 11.514)]
    [InlineData("resnext50_32x4d", 25_028_904, 4.23)]
    [InlineData("wide_resnet50_2", 68_883_240, 11.398)]
    [InlineData("vgg11", 132_863_336, 7.609)]
    [InlineData("vgg16", 138_357_544, 15.47)]
    [InlineData("alexnet", 61_100_840, 0.714)]
    [InlineData("squeezenet1_0", 1_248_424, 0.819)]
    [InlineData("squeezenet1_1", 1_235_496, 0.349)]
    [InlineData("mobilenet_v3_large", 5_483_032, 0.217)]
    [InlineData("mobilenet_v3_small", 2_542_856, 0.057)]
    [InlineData("vit_b_16", 86_567_656, 17.564)]
    public void Params_and_macs_match_torchvision(string name, long parameters, double gmacs)
    {
        var p = Analyze(ModelZoo.Build(name));
        Assert.Equal(parameters, p.Totals.Params);
        long macs = p.Nodes.Where(n => n.OpType is "Conv" or "Gemm" or "MatMul").Sum(n => n.Macs);
        // within 0.5%, or within the rounding of the published three-decimal figure (mobilenet_v3_small: 0.0565 G → "0.057")
        double tolerance = Math.Max(gmacs * 0.005, 0.0005);
        Assert.InRange(macs / 1e9, gmacs - tolerance, gmacs + tolerance);
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("[batch,1000]", p.Outputs.Single().Shape?.ToString());
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Every_zoo_model_analyses_with_only_the_symbolic_dims_note(string name)
    {
        var p = Analyze(ModelZoo.Build(name));
        var d = Assert.Single(p.Diagnostics);
        Assert.Equal(Severity.Info, d.Severity);
        Assert.StartsWith("symbolic dims counted as 1", d.Message, StringComparison.Ordinal);
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.All(p.Nodes, n => Assert.True(n.Counted, n.Name));
    }

    /// <summary>Every registered name.</summary>
    public static TheoryData<string> AllNames() => new(ModelZoo.Names);

    [Fact]
    public void Bert_base_params_match_the_hugging_face_count_and_macs_the_hand_formula()
    {
        const long b = 2, s = 128, h = 768, i = 3072, layers = 12;
        var m = ModelZoo.Build("zoo:bert-base");
        var p = Analyzer.Analyze(m, new ShapeOptions(Dims: new Dictionary<string, long> { ["batch"] = b, ["sequence"] = s }, Registry: TestGraphs.Registry));
        Assert.Equal(109_482_240, p.Totals.Params); // google-bert/bert-base-uncased, BertModel with pooler
        Assert.Empty(p.Diagnostics);
        // per layer: Q, K, V, O projections 4·s·h², scores and context 2·s²·h, FFN 2·s·h·i; pooler h² on the first token
        long expected = b * (layers * (4 * s * h * h + 2 * s * s * h + 2 * s * h * i) + h * h);
        Assert.Equal(expected, p.Nodes.Where(n => n.OpType is "MatMul" or "Gemm").Sum(n => n.Macs));
        Assert.Equal(["[2,128,768]", "[2,768]"], p.Outputs.Select(o => o.Shape?.ToString()));
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

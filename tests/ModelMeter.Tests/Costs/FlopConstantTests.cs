using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// The per-element FLOP constants of docs/counting.md ("Per-element FLOPs", "Normalisation", "Pooling"), one
/// assertion per family, over X = float [2,3,4] (24 elements, 6 rows of 4) unless said.
/// </summary>
public class FlopConstantTests
{
    private static readonly long[] X = [2, 3, 4];

    [Theory]
    [InlineData("Relu", 24 * 1)]
    [InlineData("Neg", 24 * 1)]
    [InlineData("Sqrt", 24 * 4)]           // Div family 4
    [InlineData("Reciprocal", 24 * 4)]
    [InlineData("Exp", 24 * 8)]            // transcendental 8
    [InlineData("Tanh", 24 * 8)]
    [InlineData("Erf", 24 * 8)]
    [InlineData("Sigmoid", 24 * 13)]       // exp 8 + add 1 + div 4
    [InlineData("Softplus", 24 * 17)]      // exp + add + log
    [InlineData("HardSigmoid", 24 * 4)]
    [InlineData("HardSwish", 24 * 5)]
    [InlineData("LeakyRelu", 24 * 2)]
    [InlineData("Elu", 24 * 11)]
    [InlineData("Selu", 24 * 12)]
    [InlineData("Celu", 24 * 16)]
    [InlineData("Mish", 24 * 26)]
    [InlineData("Softsign", 24 * 6)]
    public void Unary_per_element_constants(string op, long flops) => Assert.Equal(flops, Unary(op, X).Flops);

    [Theory]
    [InlineData("Add", 24 * 1)]
    [InlineData("Div", 24 * 4)]
    [InlineData("Pow", 24 * 17)]           // exp(y·log x)
    [InlineData("Mod", 24 * 6)]
    [InlineData("Mean", 24 * 2)]           // two inputs: add + divide amortised
    [InlineData("Max", 24 * 1)]
    public void Binary_per_element_constants(string op, long flops)
    {
        var g = new CostGraph();
        g.In("a", DataType.Float, 2, 3, 4);
        g.In("b", DataType.Float, 2, 3, 4);
        g.Out(g.Add(op, "n", ["a", "b"], op == "Mod" ? A(("fmod", 1L)) : null));
        Assert.Equal(flops, g.Analyze().Node("n").Flops);
    }

    [Fact]
    public void Gelu_erf_is_12_and_tanh_15()
    {
        Assert.Equal(24 * 12, Unary("Gelu", X, opset: 20).Flops);
        Assert.Equal(24 * 15, Unary("Gelu", X, A(("approximate", "tanh")), opset: 20).Flops);
    }

    [Fact]
    public void Softmax_15_LogSoftmax_11_Hardmax_2_per_element()
    {
        Assert.Equal(24 * 15, Unary("Softmax", X).Flops); // max + sub + exp 8 + sum + div 4
        Assert.Equal(24 * 11, Unary("LogSoftmax", X).Flops);
        Assert.Equal(24 * 2, Unary("Hardmax", X).Flops);
    }

    [Fact]
    public void LayerNormalization_7_per_element_with_bias_plus_3_per_row()
    {
        static long Run(bool bias)
        {
            var g = new CostGraph();
            g.In("x", DataType.Float, 2, 3, 4);
            string[] ins = bias ? ["x", g.Init("s", DataType.Float, 4), g.Init("b", DataType.Float, 4)] : ["x", g.Init("s", DataType.Float, 4)];
            g.Out(g.Add("LayerNormalization", "ln", ins, A(("axis", -1L))));
            return g.Analyze().Node("ln").Flops;
        }
        Assert.Equal(24 * 7 + 6 * 3, Run(bias: true));  // 168 + 18 = 186
        Assert.Equal(24 * 6 + 6 * 3, Run(bias: false)); // 144 + 18 = 162
    }

    [Fact]
    public void InstanceNorm_GroupNorm_LpNorm_LRN()
    {
        var x = new long[] { 2, 4, 3 }; // N 2, C 4, 3 → 24 elements
        var g = new CostGraph(18);
        g.In("x", DataType.Float, 2, 4, 3);
        var inst = g.Add("InstanceNormalization", "inst", ["x", g.Init("s", DataType.Float, 4), g.Init("b", DataType.Float, 4)]);
        var grp = g.Add("GroupNormalization", "grp", ["x", g.Init("gs", DataType.Float, 4), g.Init("gb", DataType.Float, 4)], A(("num_groups", 2L)));
        var lp = g.Add("LpNormalization", "lp", ["x"], A(("axis", -1L)));
        var lrn = g.Add("LRN", "lrn", ["x"], A(("size", 3L)));
        g.Out(inst, grp, lp, lrn);
        var p = g.Analyze();
        Assert.Equal(24 * 7 + 8 * 3, p.Node("inst").Flops);  // + 3 per (N·C) = 8
        Assert.Equal(24 * 7 + 4 * 3, p.Node("grp").Flops);   // + 3 per (N·groups) = 4
        Assert.Equal(24 * 3 + 8 * 1, p.Node("lp").Flops);    // + 1 root per row of 3: 8 rows
        Assert.Equal(24 * (2 * 3 + 3), p.Node("lrn").Flops); // 2·size + 3 per element
        Assert.Equal(24, x.Aggregate(1L, (a, b) => a * b));
    }

    [Fact]
    public void BatchNormalization_inference_2_per_element()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3, 4);
        string[] ins = ["x", .. new[] { "s", "b", "m", "v" }.Select(n => g.Init(n, DataType.Float, 3))];
        g.Out(g.Add("BatchNormalization", "bn", ins));
        Assert.Equal(24 * 2, g.Analyze().Node("bn").Flops);
    }

    [Theory]
    [InlineData("ReduceSum", 24)]                 // 1 per input
    [InlineData("ReduceMax", 24)]
    [InlineData("ReduceMean", 24 + 6 * 4)]        // + div per output
    [InlineData("ReduceSumSquare", 24 * 2)]
    [InlineData("ReduceL1", 24 * 2)]
    [InlineData("ReduceL2", 24 * 2 + 6 * 4)]      // + sqrt per output
    [InlineData("ReduceLogSum", 24 + 6 * 8)]      // + log per output
    [InlineData("ReduceLogSumExp", 24 * (1 + 8) + 6 * 8)] // 1 + exp per input, + log per output = 264
    public void Reductions_per_input_plus_finishing_op(string op, long flops)
    {
        // opset 18: every reduction takes axes as an input; reduce the last axis → 6 outputs
        var g = new CostGraph(18);
        g.In("x", DataType.Float, 2, 3, 4);
        g.Out(g.Add(op, "r", ["x", g.Values("axes", DataType.Int64, [1], -1)], A(("keepdims", 0L))));
        var n = g.Analyze().Node("r");
        Assert.Equal(flops, n.Flops);
    }

    [Fact]
    public void ArgMax_one_per_input()
    {
        Assert.Equal(24, Unary("ArgMax", X, A(("axis", 2L))).Flops);
    }

    [Fact]
    public void Pooling_kernel_size_per_output()
    {
        // [1,1,4,4], kernel 2×2 stride 2 → 2×2 = 4 outputs
        var k = A(("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
        Assert.Equal(4 * 4, Unary("MaxPool", [1, 1, 4, 4], k).Flops);
        Assert.Equal(4 * 4, Unary("AveragePool", [1, 1, 4, 4], k).Flops);
        Assert.Equal(4 * (2 * 4 + 1), Unary("LpPool", [1, 1, 4, 4], k).Flops); // 36
        // global: 1 per input element (GlobalLp: 2 per input + 1 per output)
        Assert.Equal(18, Unary("GlobalAveragePool", [1, 2, 3, 3]).Flops);
        Assert.Equal(18, Unary("GlobalMaxPool", [1, 2, 3, 3]).Flops);
        Assert.Equal(2 * 18 + 2, Unary("GlobalLpPool", [1, 2, 3, 3]).Flops);
    }

    [Theory]
    [InlineData("nearest", 0)]
    [InlineData("linear", 16 * 4)]
    [InlineData("cubic", 16 * 16)]
    public void Resize_per_output_element_by_mode(string mode, long flops)
    {
        // [1,1,2,2] → sizes [1,1,4,4] = 16 outputs
        var g = new CostGraph(13);
        g.In("x", DataType.Float, 1, 1, 2, 2);
        g.Out(g.Add("Resize", "rs", ["x", "", "", g.Values("sizes", DataType.Int64, [4], 1, 1, 4, 4)], A(("mode", mode))));
        var n = g.Analyze().Node("rs");
        Assert.Equal(flops, n.Flops);
        Assert.Equal(4 * 4, n.BytesRead); // the sizes input is metadata
    }

    [Fact]
    public void Quantize_dequantize_per_element()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3, 4);
        var q = g.Add("QuantizeLinear", "q", ["x", g.Init("s", DataType.Float), g.Init("z", DataType.UInt8)]);
        g.Out(g.Add("DequantizeLinear", "dq", [q, "s", "z"]));
        var p = g.Analyze();
        Assert.Equal(24 * 6, p.Node("q").Flops);  // div, round, add, clamp
        Assert.Equal(24 * 2, p.Node("dq").Flops); // sub, mul
    }
}

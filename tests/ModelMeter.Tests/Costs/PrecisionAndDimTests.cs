using ModelMeter.Costs;
using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// Node precision (docs/counting.md, "What is counted per node": Precision; contrib "Precision") and symbolic dims
/// ("Symbolic dimensions": a symbol counts as its --dim value or 1, with an Info line; overflow is a node error).
/// </summary>
public class PrecisionAndDimTests
{
    private static Precision MatMulPrecision(DataType t)
    {
        var g = new CostGraph();
        g.In("a", t, 2, 8);
        g.Out(g.Add("MatMul", "mm", ["a", g.Init("w", t, 8, 4)]));
        return g.Analyze().Node("mm").Precision;
    }

    [Fact]
    public void Float_element_types_set_the_precision()
    {
        Assert.Equal(Precision.Fp16, MatMulPrecision(DataType.Float16));
        Assert.Equal(Precision.Bf16, MatMulPrecision(DataType.BFloat16));
        Assert.Equal(Precision.Fp32, MatMulPrecision(DataType.Float));
        Assert.Equal(Precision.Fp64, MatMulPrecision(DataType.Double));
    }

    [Fact]
    public void QLinearMatMul_is_int8()
    {
        var g = new CostGraph();
        g.In("a", DataType.UInt8, 2, 8);
        string F(string n) => g.Init(n, DataType.Float);
        string[] ins = ["a", F("a_s"), g.Init("a_z", DataType.UInt8), g.Init("b", DataType.Int8, 8, 4), F("b_s"), g.Init("b_z", DataType.Int8), F("y_s"), g.Init("y_z", DataType.UInt8)];
        g.Out(g.Add("QLinearMatMul", "qmm", ins));
        var n = g.Analyze().Node("qmm");
        Assert.Equal(Precision.Int8, n.Precision);
        Assert.Equal(2 * 4 * 8, n.Macs);
        Assert.Equal(32, n.Params); // the int8 B
    }

    [Theory]
    [InlineData(4L, Precision.Int4)]
    [InlineData(2L, Precision.Int4)]
    [InlineData(8L, Precision.Int8)]
    public void MatMulNBits_precision_follows_bits(long bits, Precision expected)
    {
        // K 32, N 8, block 32: B uint8 [8, 1, 32·bits/8]
        var g = new CostGraph();
        g.In("a", DataType.Float, 1, 32);
        var b = g.Init("b", DataType.UInt8, 8, 1, 32 * bits / 8);
        g.Out(g.Add("MatMulNBits", "nb", ["a", b, g.Init("s", DataType.Float, 8)], A(("K", 32L), ("N", 8L), ("bits", bits), ("block_size", 32L)), "com.microsoft"));
        var n = g.Analyze().Node("nb");
        Assert.Equal(expected, n.Precision);
        Assert.Equal(8 * 32 + 8, n.Params); // N·K logical weights whatever the packing, + 8 scales
    }

    [Fact]
    public void Cast_and_Shape_take_the_first_floating_input_else_the_first_input()
    {
        var g = new CostGraph();
        g.In("h", DataType.Float16, 4);
        g.In("i", DataType.Int64, 4);
        var toFloat = g.Add("Cast", "h2f", ["h"], A(("to", (long)DataType.Float)));   // reads fp16 → fp16
        var toInt = g.Add("Cast", "i2f", ["i"], A(("to", (long)DataType.Float)));     // reads int64 → int32 (index math)
        var shape = g.Add("Shape", "shape", ["h"]);                                    // metadata of an fp16 tensor → fp16
        var ishape = g.Add("Shape", "ishape", ["i"]);                                  // of an int64 tensor → int32
        g.Out(toFloat, toInt, shape, ishape);
        var p = g.Analyze();
        Assert.Equal(Precision.Fp16, p.Node("h2f").Precision);
        Assert.Equal(Precision.Int32, p.Node("i2f").Precision);
        Assert.Equal(Precision.Fp16, p.Node("shape").Precision);
        Assert.Equal(OpClass.Metadata, p.Node("shape").Class);
        Assert.Equal(Precision.Int32, p.Node("ishape").Precision);
    }

    private static CostGraph Symbolic()
    {
        // x [batch, seq, 8] · W [8, 4] → [batch, seq, 4]
        var g = new CostGraph();
        g.In("x", DataType.Float, "batch", "seq", 8);
        g.Out(g.Add("MatMul", "mm", ["x", g.Init("w", DataType.Float, 8, 4)]));
        return g;
    }

    [Fact]
    public void Symbolic_dims_take_their_values()
    {
        var p = Symbolic().Analyze(new Dictionary<string, long> { ["batch"] = 2, ["seq"] = 5 });
        var n = p.Node("mm");
        Assert.Equal(2 * 5 * 8 * 4, n.Macs);                  // 320
        Assert.Equal(2 * 320, n.Flops);
        Assert.Equal((2 * 5 * 8 + 8 * 4) * 4, n.BytesRead);  // x 80 + W 32 floats = 448
        Assert.Equal(2 * 5 * 4 * 4, n.BytesWritten);         // 160
        Assert.Equal(2 * 5 * 8 * 4 + 2 * 5 * 4 * 4, p.Totals.PeakActivationBytes); // x and y live together: 480
        Assert.DoesNotContain(p.Diagnostics, d => d.Message.Contains("counted as 1", StringComparison.Ordinal));
        Assert.Equal(2, p.DimsUsed["batch"]);
        Assert.Equal(5, p.DimsUsed["seq"]);
    }

    [Fact]
    public void Unset_symbols_count_as_one_and_are_listed()
    {
        var p = Symbolic().Analyze();
        Assert.Equal(8 * 4, p.Node("mm").Macs); // batch = seq = 1
        var info = Assert.Single(p.Diagnostics, d => d.Message.StartsWith("symbolic dims counted as 1", StringComparison.Ordinal));
        Assert.Equal(Severity.Info, info.Severity);
        Assert.Contains("batch, seq", info.Message, StringComparison.Ordinal);
        Assert.Equal(1, p.DimsUsed["batch"]);
        Assert.Equal(1, p.DimsUsed["seq"]);
    }

    private const long Big = 1L << 62;

    [Theory]
    [InlineData("Relu")]      // the op's own count overflows (2^124 elements)
    [InlineData("Identity")]  // a zero-FLOP op: only the byte count overflows
    public void Overflowing_element_counts_are_a_node_error_not_a_wrap(string op)
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, Big, Big);
        var y = g.Add(op, "n", ["x"]);
        g.Out(g.Add("Relu", "small", [g.In("z", DataType.Float, 3)]), y);
        var p = g.Analyze();
        var n = p.Node("n");
        Assert.False(n.Counted);
        Assert.Equal((0L, 0L, 0L, 0L), (n.Flops, n.BytesRead, n.BytesWritten, n.Macs));
        var err = Assert.Single(p.Diagnostics, d => d.Node == "n");
        Assert.Equal(Severity.Error, err.Severity);
        Assert.Contains("overflows 64 bits", err.Message, StringComparison.Ordinal);
        // the other node still counts and the totals are its numbers, not a wrapped sum
        Assert.Equal(3, p.Totals.Flops);
        Assert.Equal(12, p.Totals.BytesRead);
    }

    [Fact]
    public void An_overflowing_dim_product_in_a_shape_is_a_node_error()
    {
        // Flatten [2^62, 2^62, 2] at axis 2 → first dim 2^62 · 2^62: not representable
        var g = new CostGraph();
        g.In("x", DataType.Float, Big, Big, 2);
        g.Out(g.Add("Flatten", "flat", ["x"], A(("axis", 2L))));
        var p = g.Analyze();
        var err = Assert.Single(p.Diagnostics, d => d.Node == "flat");
        Assert.Equal(Severity.Error, err.Severity);
        Assert.Contains("overflows 64 bits", err.Message, StringComparison.Ordinal);
        Assert.False(p.Node("flat").Counted);
    }

    [Fact]
    public void Totals_too_large_for_64_bits_are_held_at_the_maximum_and_reported()
    {
        // bool [2^30, 2^31] = 2^61 elements, 2^61 bytes: each Not reads 2^61 and does 2^61 FLOPs (fits);
        // four in a chain: 4 · 2^61 = 2^63 > long.MaxValue for the FLOPs and bytes-read totals
        var g = new CostGraph();
        var x = g.In("x", DataType.Bool, 1L << 30, 1L << 31);
        for (int i = 0; i < 4; i++) x = g.Add("Not", $"not{i}", [x]);
        g.Out(x);
        var p = g.Analyze();
        Assert.All(p.Nodes, n => Assert.Equal(1L << 61, n.Flops));
        Assert.Equal(long.MaxValue, p.Totals.Flops);
        Assert.Equal(long.MaxValue, p.Totals.BytesRead);
        Assert.Equal(long.MaxValue, p.Totals.MemoryAccessBytes);
        Assert.Equal(1L << 62, p.Totals.PeakActivationBytes); // two live tensors of 2^61 bytes
        Assert.Contains(p.Diagnostics, d => d.Severity == Severity.Error && d.Message.StartsWith("total FLOPs overflows 64 bits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weight_too_large_to_count_is_an_error_not_a_crash()
    {
        // float [2^31, 2^31]: 2^62 elements = 2^64 bytes
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 1L << 31);
        g.Out(g.Add("MatMul", "mm", ["x", g.Init("w", DataType.Float, 1L << 31, 1L << 31)]));
        var p = g.Analyze();
        Assert.Contains(p.Diagnostics, d => d.Node == "mm" && d.Severity == Severity.Error && d.Message.Contains("64 bits", StringComparison.Ordinal));
        Assert.Equal(0, p.Totals.WeightBytes);
        Assert.False(p.Node("mm").Counted);
    }
}

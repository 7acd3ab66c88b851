using ModelMeter.Costs;
using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// Params, buffers and weight bytes (docs/counting.md, "What is counted per node": Params, Buffers, Weight bytes), each
/// number counted by hand from the tensors' shapes.
/// </summary>
public class ParamCountTests
{
    [Fact]
    public void BatchNormalization_mean_and_var_are_buffers()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 4, 2, 2);
        string[] stats = [g.Init("scale", DataType.Float, 4), g.Init("bias", DataType.Float, 4), g.Init("mean", DataType.Float, 4), g.Init("var", DataType.Float, 4)];
        g.Out(g.Add("BatchNormalization", "bn", ["x", .. stats]));
        var p = g.Analyze();
        var n = p.Node("bn");
        Assert.Equal(8, n.Params);   // scale 4 + bias 4
        Assert.Equal(8, n.Buffers);  // mean 4 + var 4
        Assert.Equal(32, n.Flops);   // 2 per element × 16
        Assert.Equal(64, n.WeightBytes); // 16 floats of constants
        Assert.Equal(64 + 64, n.BytesRead); // x 16 floats + the 16 constant floats
        Assert.Equal(8, p.Totals.Params);
        Assert.Equal(8, p.Totals.Buffers);
        Assert.Equal(64, p.Totals.WeightBytes); // distinct params + buffers: 16 floats
    }

    [Fact]
    public void DequantizeLinear_counts_the_quantized_weight_not_its_per_tensor_scale()
    {
        // A QDQ weight: int8 [8,4] with a scalar float scale and a scalar int8 zero point (per-tensor quantisation).
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 8);
        var w = g.Init("w_q", DataType.Int8, 8, 4);
        var scale = g.Init("w_scale", DataType.Float);
        var zp = g.Init("w_zp", DataType.Int8);
        var deq = g.Add("DequantizeLinear", "deq", [w, scale, zp]);
        g.Out(g.Add("MatMul", "mm", ["x", deq]));
        var p = g.Analyze();
        Assert.Equal(32, p.Totals.Params);        // the 8·4 int8 weights; one-element scale and zero point are not params
        Assert.Equal(32 + 4 + 1, p.Node("deq").WeightBytes); // but all three are read: 32 B + 4 B + 1 B
    }

    [Fact]
    public void A_shared_weight_counts_once_at_its_first_node()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 4);
        g.In("y", DataType.Float, 1, 4);
        var w = g.Init("w", DataType.Float, 4, 3);
        var a = g.Add("MatMul", "first", ["x", w]);
        var b = g.Add("MatMul", "second", ["y", w]);
        g.Out(a, b);
        var p = g.Analyze();
        Assert.Equal(12, p.Node("first").Params);
        Assert.Equal(0, p.Node("second").Params);
        Assert.Equal(48, p.Node("second").WeightBytes); // the second node still reads it
        Assert.Equal(12, p.Totals.Params);
        Assert.Equal(48, p.Totals.WeightBytes); // 12 floats once
    }

    [Fact]
    public void Single_element_Clip_bounds_and_scale_factors_are_not_params()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3);
        var lo = g.Init("lo", DataType.Float);        // scalar
        var hi = g.Init("hi", DataType.Float);
        var k = g.Init("k", DataType.Float, 1);       // [1]
        var c = g.Add("Clip", "clip", ["x", lo, hi]);
        g.Out(g.Add("Mul", "scale", [c, k]));
        var p = g.Analyze();
        Assert.Equal(0, p.Totals.Params);
        Assert.Equal(0, p.Totals.WeightBytes);
        Assert.Equal(24 + 4 + 4, p.Node("clip").BytesRead); // x + both bounds are still read
        Assert.Equal(12, p.Node("clip").Flops); // Clip 2 per element × 6
    }

    [Fact]
    public void A_single_element_Conv_bias_is_a_param()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 3, 4, 4);
        var w = g.Init("w", DataType.Float, 1, 3, 1, 1);
        var b = g.Init("b", DataType.Float, 1);
        g.Out(g.Add("Conv", "conv", ["x", w, b]));
        var n = g.Analyze().Node("conv");
        Assert.Equal(3 + 1, n.Params);
        Assert.Equal(16 * 3, n.Macs);             // 16 outputs × (C_in 3 · 1 · 1)
        Assert.Equal(2 * 48 + 16, n.Flops);       // + one bias add per output
    }

    [Fact]
    public void Integer_shape_and_axes_constants_are_not_params()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3, 4);
        var r = g.Add("Reshape", "r", ["x", g.Values("shape", DataType.Int64, [2], 6, 4)]);
        var u = g.Add("Unsqueeze", "u", [r, g.Values("axes", DataType.Int64, [1], 0)]);
        g.Out(u);
        var p = g.Analyze();
        Assert.Equal(0, p.Totals.Params);
        Assert.Equal(0, p.Totals.WeightBytes);
    }

    [Fact]
    public void Float_Constant_node_output_feeding_MatMul_is_a_param()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 4);
        var value = new TensorData { Name = "c", DataType = DataType.Float, Dims = [4, 2] };
        var c = g.Add("Constant", "c", [], A(("value", value)));
        g.Out(g.Add("MatMul", "mm", ["x", c]));
        var p = g.Analyze();
        Assert.Equal(0, p.Node("c").Params);
        Assert.Equal(8, p.Node("mm").Params); // counted at the node that reads it
        Assert.Equal(8, p.Totals.Params);
        Assert.Equal(32, p.Totals.WeightBytes);
    }

    [Fact]
    public void QLinearConv_int8_weight_and_int32_bias_are_params()
    {
        var g = new CostGraph();
        g.In("x", DataType.UInt8, 1, 2, 3, 3);
        string F(string n) => g.Init(n, DataType.Float);
        string[] ins = [
            "x", F("x_scale"), g.Init("x_zp", DataType.UInt8),
            g.Init("w", DataType.Int8, 4, 2, 1, 1), F("w_scale"), g.Init("w_zp", DataType.Int8),
            F("y_scale"), g.Init("y_zp", DataType.UInt8), g.Init("b", DataType.Int32, 4)];
        g.Out(g.Add("QLinearConv", "qconv", ins));
        var p = g.Analyze();
        var n = p.Node("qconv");
        // W int8 [4,2,1,1] = 8 (weight) + B int32 [4] = 4 (int32 bias in a weight position); the scalar scales and
        // zero points are single elements outside the weight inputs
        Assert.Equal(12, n.Params);
        Assert.Equal(36 * 2, n.Macs);         // output [1,4,3,3] = 36 elements × C_in 2
        Assert.Equal(2 * 72 + 36, n.Flops);   // + bias add per output
        Assert.Equal(Precision.Int8, n.Precision);
        Assert.Equal(8 * 1 + 4 * 4, p.Totals.WeightBytes); // int8 W 8 bytes + int32 B 16 bytes
    }

    [Fact]
    public void MatMulInteger_int8_weight_is_a_param()
    {
        var g = new CostGraph();
        g.In("a", DataType.UInt8, 2, 4);
        var b = g.Init("b", DataType.Int8, 4, 3);
        g.Out(g.Add("MatMulInteger", "mmi", ["a", b, g.Init("a_zp", DataType.UInt8), g.Init("b_zp", DataType.Int8)]));
        var n = g.Analyze().Node("mmi");
        Assert.Equal(12, n.Params);
        Assert.Equal(2 * 3 * 4, n.Macs);
        Assert.Equal(8 + 12 + 1 + 1, n.BytesRead); // a [2,4] uint8 8 + b [4,3] int8 12 + two 1-byte zero points
        Assert.Equal(6 * 4, n.BytesWritten); // int32 [2,3]
    }

    [Fact]
    public void MatMulNBits_counts_logical_weights_and_stored_bytes()
    {
        // counting.md's example: K=64, N=32, 4 bits, block 32: B uint8 [32, 2, 16] = 1024 bytes → 2048 weights
        var g = new CostGraph();
        g.In("a", DataType.Float, 1, 64);
        var b = g.Init("b", DataType.UInt8, 32, 2, 16);
        var s = g.Init("scales", DataType.Float, 64);
        g.Out(g.Add("MatMulNBits", "nb", ["a", b, s], A(("K", 64L), ("N", 32L), ("bits", 4L), ("block_size", 32L)), "com.microsoft"));
        var p = g.Analyze();
        var n = p.Node("nb");
        Assert.Equal(2048 + 64, n.Params);                 // logical weights + one scale per block
        Assert.Equal(1 * 32 * 64, n.Macs);
        Assert.Equal(Precision.Int4, n.Precision);
        Assert.Equal(1024 + 64 * 4, p.Totals.WeightBytes); // stored bytes: 1024 + 256
        Assert.Equal(64 * 4 + 1024 + 256, n.BytesRead);
    }

    [Fact]
    public void Weight_bytes_total_is_distinct_params_and_buffers()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float16, 2, 8);
        var w = g.Init("w", DataType.Float16, 8, 8);                       // 64 params, 128 bytes
        var h = g.Add("MatMul", "mm1", ["x", w]);
        var h2 = g.Add("MatMul", "mm2", [h, w]);                           // shared: not again
        var k = g.Add("Mul", "half", [h2, g.Init("k", DataType.Float16)]); // scalar: not a param
        var r = g.Add("Reshape", "flat", [k, g.Values("s", DataType.Int64, [1], -1)]); // int64: not a param
        g.Out(r);
        var p = g.Analyze();
        Assert.Equal(64, p.Totals.Params);
        Assert.Equal(128, p.Totals.WeightBytes);
        // per node weight bytes add up each read: 128 + 128 + 2 (scalar) + 0 (metadata) = 258
        Assert.Equal(258, p.Nodes.Sum(n => n.WeightBytes));
    }
}

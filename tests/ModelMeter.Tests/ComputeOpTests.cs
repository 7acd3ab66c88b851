using ModelMeter.Costs;
using Xunit;
using static ModelMeter.Tests.TestGraphs;

namespace ModelMeter.Tests;

/// <summary>
/// Shapes against the ONNX backend node tests (onnx/onnx backend/test/data/node, expected output dims in
/// ../shared/onnx-node-tests/INDEX_node.tsv; attributes from each test's model.onnx), and MACs/FLOPs hand-computed.
/// </summary>
public class ComputeOpTests
{
    private static Dictionary<string, object> A(params (string K, object V)[] kv) => kv.ToDictionary(x => x.K, x => x.V);

    [Fact]
    public void Conv_strides_and_asymmetric_padding_matches_backend_test()
    {
        var r = One("Conv", [("x", [1, 1, 7, 5]), ("W", [1, 1, 3, 3])], A(("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 0, 1, 0 }), ("strides", new long[] { 2, 2 })));
        Assert.Equal("float32[1,1,4,2]", r.Out());
        Assert.Equal(8 * 9, r.Cost().Macs);
        Assert.Equal(2 * 8 * 9, r.Cost().Flops);
    }

    [Fact]
    public void Conv_autopad_same_lower_with_stride_matches_backend_test()
    {
        var r = One("Conv", [("x", [1, 1, 5, 5]), ("W", [1, 1, 3, 3])], A(("auto_pad", "SAME_LOWER"), ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 })));
        Assert.Equal("float32[1,1,3,3]", r.Out());
    }

    [Fact]
    public void Grouped_conv_counts_cin_over_g_and_bias_flops()
    {
        // N=2, C_in=8, C_out=16, g=4, 3×3, pad 1 on 10×10: MACs = 2·16·10·10·(8/4)·3·3 = 57,600
        var r = One("Conv", [("x", [2, 8, 10, 10]), ("#w", [16, 2, 3, 3]), ("#b", [16])], A(("group", 4L), ("pads", new long[] { 1, 1, 1, 1 })));
        Assert.Equal("float32[2,16,10,10]", r.Out());
        Assert.Equal(57_600, r.Cost().Macs);
        Assert.Equal(2 * 57_600 + 3_200, r.Cost().Flops);
        Assert.Equal(16 * 2 * 9 + 16, r.Cost().Params);
        Assert.Equal(OpClass.Conv, r.Cost().Class);
    }

    [Fact]
    public void Depthwise_conv_is_classified_and_counted()
    {
        var r = One("Conv", [("x", [1, 32, 8, 8]), ("#w", [32, 1, 3, 3])], A(("group", 32L), ("pads", new long[] { 1, 1, 1, 1 })));
        Assert.Equal(OpClass.DepthwiseConv, r.Cost().Class);
        Assert.Equal(32 * 64 * 9, r.Cost().Macs);
    }

    [Fact]
    public void Conv_3d_and_dilations()
    {
        var r = One("Conv", [("x", [1, 2, 4, 4, 4]), ("W", [3, 2, 2, 2, 2])]);
        Assert.Equal("float32[1,3,3,3,3]", r.Out());
        Assert.Equal(27 * 3 * 16, r.Cost().Macs);
        var d = One("Conv", [("x", [1, 1, 7, 7]), ("W", [1, 1, 3, 3])], A(("dilations", new long[] { 2, 2 })));
        Assert.Equal("float32[1,1,3,3]", d.Out()); // extent 5 on 7 → 3
    }

    [Fact]
    public void Conv_keeps_symbolic_batch_and_counts_it_from_dims()
    {
        var r = One("Conv", [("x", [-1, 3, 224, 224]), ("W", [64, 3, 7, 7])], A(("pads", new long[] { 3, 3, 3, 3 }), ("strides", new long[] { 2, 2 })), dims: new Dictionary<string, long> { ["batch"] = 8 });
        Assert.Equal("float32[8,64,112,112]", r.Out());
        Assert.Equal(8L * 64 * 112 * 112 * 3 * 49, r.Cost().Macs);
        var s = One("Conv", [("x", [-1, 3, 224, 224]), ("W", [64, 3, 7, 7])], A(("pads", new long[] { 3, 3, 3, 3 }), ("strides", new long[] { 2, 2 })));
        Assert.Equal("float32[batch,64,112,112]", s.Out());
    }

    [Fact]
    public void Conv_with_mismatched_channels_reports_instead_of_guessing()
    {
        var r = One("Conv", [("x", [1, 3, 8, 8]), ("W", [4, 2, 3, 3])]);
        Assert.StartsWith("unknown", r.Out());
        Assert.Contains(r.Graph.Diagnostics, d => d.Message.Contains("channels", StringComparison.Ordinal));
    }

    [Fact]
    public void ConvTranspose_counts_per_input_element_not_times_stride()
    {
        // docs/peers.md: 8→4 channels, k2 s2 on 16×16: 1·8·16·16·4·2·2 = 32,768 (onnx-tool says 65,536)
        var r = One("ConvTranspose", [("x", [1, 8, 16, 16]), ("#w", [8, 4, 2, 2])], A(("strides", new long[] { 2, 2 })));
        Assert.Equal("float32[1,4,32,32]", r.Out());
        Assert.Equal(32_768, r.Cost().Macs);
    }

    [Theory]
    [InlineData("output_shape", "float32[1,2,10,8]")]
    [InlineData("pads", "float32[1,2,7,3]")]
    [InlineData("autopad_same", "float32[1,2,6,6]")]
    [InlineData("output_padding", "float32[1,2,10,8]")]
    public void ConvTranspose_shapes_match_backend_tests(string variant, string expected)
    {
        var attrs = variant switch
        {
            "output_shape" => A(("output_shape", new long[] { 10, 8 }), ("strides", new long[] { 3, 2 })),
            "pads" => A(("pads", new long[] { 1, 2, 1, 2 }), ("strides", new long[] { 3, 2 })),
            "autopad_same" => A(("auto_pad", "SAME_UPPER"), ("strides", new long[] { 2, 2 })),
            _ => A(("output_padding", new long[] { 1, 1 }), ("strides", new long[] { 3, 2 })),
        };
        var r = One("ConvTranspose", [("X", [1, 1, 3, 3]), ("W", [1, 2, 3, 3])], attrs);
        Assert.Equal(expected, r.Out());
    }

    [Fact]
    public void ConvTranspose_group_dilations_and_1d_match_backend_tests()
    {
        Assert.Equal("float32[1,2,5,5]", One("ConvTranspose", [("X", [1, 2, 3, 3]), ("W", [2, 1, 3, 3])], A(("group", 2L))).Out());
        Assert.Equal("float32[1,1,5,5]", One("ConvTranspose", [("X", [1, 1, 3, 3]), ("W", [1, 1, 2, 2])], A(("dilations", new long[] { 2, 2 }))).Out());
        Assert.Equal("float32[1,2,5]", One("ConvTranspose", [("X", [1, 1, 3]), ("W", [1, 2, 3])]).Out());
    }

    [Fact]
    public void Gemm_transposeA_shape_and_counts()
    {
        var r = One("Gemm", [("a", [6, 3]), ("b", [6, 4]), ("c", [1, 4])], A(("transA", 1L)));
        Assert.Equal("float32[3,4]", r.Out());
        Assert.Equal(3 * 4 * 6, r.Cost().Macs);
        Assert.Equal(2 * 72 + 12, r.Cost().Flops);
        var scaled = One("Gemm", [("a", [3, 6]), ("b", [4, 6]), ("c", [4])], A(("transB", 1L), ("alpha", 0.5f), ("beta", 2f)));
        Assert.Equal("float32[3,4]", scaled.Out());
        Assert.Equal(2 * 72 + 3 * 12, scaled.Cost().Flops);
        Assert.StartsWith("unknown", One("Gemm", [("a", [3, 5]), ("b", [6, 4])]).Out());
    }

    [Fact]
    public void MatMul_vectors_batches_and_broadcast_match_backend_tests()
    {
        var v = One("MatMul", [("a", [4]), ("b", [2, 4, 1])]);
        Assert.Equal("float32[2,1]", v.Out());
        Assert.Equal(2 * 4, v.Cost().Macs);
        var w = One("MatMul", [("a", [1, 2, 4, 3]), ("b", [3])]);
        Assert.Equal("float32[1,2,4]", w.Out());
        Assert.Equal(8 * 3, w.Cost().Macs);
        var b = One("MatMul", [("a", [5, 1, 3, 4]), ("b", [6, 4, 2])]);
        Assert.Equal("float32[5,6,3,2]", b.Out());
        Assert.Equal(30 * 3 * 2 * 4, b.Cost().Macs);
        Assert.Equal(2 * 720, b.Cost().Flops);
        var s = One("MatMul", [("a", [-1, 3, 4]), ("#w", [4, 5])], dims: new Dictionary<string, long> { ["batch"] = 8 });
        Assert.Equal(8 * 3 * 5 * 4, s.Cost().Macs);
        Assert.Equal(20, s.Cost().Params);
    }

    [Theory]
    [InlineData("MaxPool", new long[] { 1, 1, 4, 4 }, 3, 2, 0, true, "float32[1,1,2,2]")]           // test_maxpool_2d_ceil
    [InlineData("MaxPool", new long[] { 1, 1, 2, 2 }, 1, 2, 0, true, "float32[1,1,1,1]")]           // ..._ceil_output_size_reduce_by_one
    [InlineData("AveragePool", new long[] { 1, 3, 2, 2 }, 3, 3, 1, true, "float32[1,3,1,1]")]       // ..._ceil_last_window_starts_on_pad
    [InlineData("MaxPool", new long[] { 1, 1, 5, 5 }, 2, 2, 0, false, "float32[1,1,2,2]")]          // ..._precomputed_strides
    [InlineData("MaxPool", new long[] { 1, 64, 112, 112 }, 3, 2, 1, false, "float32[1,64,56,56]")]  // ResNet stem
    public void Pool_shapes_match_backend_tests(string op, long[] x, long k, long s, long p, bool ceil, string expected)
    {
        var r = One(op, [("x", x)], A(("kernel_shape", new[] { k, k }), ("strides", new[] { s, s }), ("pads", new[] { p, p, p, p }), ("ceil_mode", ceil ? 1L : 0L)));
        Assert.Equal(expected, r.Out());
        Assert.Equal(r.Graph.Binding.Elements(r.Graph.Nodes[0].Context.OutputShape(0)) * k * k, r.Cost().Flops);
    }

    [Fact]
    public void MaxPool_indices_are_int64_and_same_pads_keep_size()
    {
        var r = One("MaxPool", [("x", [1, 1, 5, 5])], A(("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 })), outputs: 2);
        Assert.Equal("int64[1,1,2,2]", r.Out(1));
        var same = One("AveragePool", [("x", [1, 3, 32, 32])], A(("kernel_shape", new long[] { 2, 2 }), ("auto_pad", "SAME_LOWER")));
        Assert.Equal("float32[1,3,32,32]", same.Out());
        Assert.Equal(OpClass.Pooling, same.Cost().Class);
    }

    [Fact]
    public void Global_pools_reduce_spatial_dims_to_one()
    {
        var r = One("GlobalAveragePool", [("x", [-1, 3, 5, 5])]);
        Assert.Equal("float32[batch,3,1,1]", r.Out());
        Assert.Equal(75, r.Cost().Flops);
    }

    [Fact]
    public void BatchNormalization_params_buffers_and_training_outputs()
    {
        var r = One("BatchNormalization", [("x", [2, 3, 4, 5]), ("#s", [3]), ("#b", [3]), ("#m", [3]), ("#v", [3])]);
        Assert.Equal("float32[2,3,4,5]", r.Out());
        Assert.Equal(6, r.Cost().Params);
        Assert.Equal(6, r.Cost().Buffers);
        Assert.Equal(120 * 2, r.Cost().Flops);
        Assert.Equal(OpClass.Normalization, r.Cost().Class);
        var t = One("BatchNormalization", [("x", [2, 3, 4, 5]), ("s", [3]), ("b", [3]), ("m", [3]), ("v", [3])], A(("training_mode", 1L)), outputs: 3);
        Assert.Equal("float32[3]", t.Out(1)); // test_batchnorm_example_training_mode: output_mean float[3]
        Assert.Equal("float32[3]", t.Out(2));
        Assert.Equal(120 * 6, t.Cost().Flops);
    }

    [Fact]
    public void LayerNormalization_stash_outputs_match_backend_test()
    {
        // test_layer_normalization_4d_axis1: Mean, InvStdDev float[2,1,1,1]
        var r = One("LayerNormalization", [("X", [2, 3, 4, 5]), ("#W", [3, 4, 5]), ("#B", [3, 4, 5])], A(("axis", 1L)), outputs: 3);
        Assert.Equal("float32[2,3,4,5]", r.Out());
        Assert.Equal("float32[2,1,1,1]", r.Out(1));
        Assert.Equal("float32[2,1,1,1]", r.Out(2));
        Assert.Equal(120, r.Cost().Params);
        Assert.Equal(120 * 7 + 2 * 3, r.Cost().Flops);
    }

    [Fact]
    public void Other_normalizations_keep_shape()
    {
        Assert.Equal("float32[1,2,1,3]", One("InstanceNormalization", [("x", [1, 2, 1, 3]), ("s", [2]), ("b", [2])]).Out());
        Assert.Equal("float32[5,5,5,5]", One("LRN", [("x", [5, 5, 5, 5])], A(("size", 3L))).Out());
        var g = One("GroupNormalization", [("x", [2, 4, 3, 3]), ("s", [4]), ("b", [4])], A(("num_groups", 2L)));
        Assert.Equal("float32[2,4,3,3]", g.Out());
        Assert.Equal(72 * 7 + 4 * 3, g.Cost().Flops);
        Assert.StartsWith("unknown", One("GroupNormalization", [("x", [2, 4, 3, 3]), ("s", [4]), ("b", [4])], A(("num_groups", 3L))).Out());
    }
}

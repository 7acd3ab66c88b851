using ModelMeter.Costs;
using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Contrib.ContribHarness;

namespace ModelMeter.Tests.Contrib;

/// <summary>
/// com.microsoft contrib ops: output shapes as ONNX Runtime's ContribOperators.md defines them, and MACs/FLOPs worked
/// out by hand from the formulas in docs/counting.md.
/// </summary>
public sealed class ContribOpTests
{
    [Fact]
    public void FusedConv_is_conv_plus_activation()
    {
        // 4 output channels × 8×8 positions × (3·3·3) = 6912 MACs; FLOPs 2·6912 + 256 bias + 256 Relu
        var r = Run("FusedConv", Ms, [F("x", 1, 3, 8, 8), F("#w", 4, 3, 3, 3), F("#b", 4)], 1, A("pads", new long[] { 1, 1, 1, 1 }), A("activation", "Relu"));
        Assert.Equal("float32[1,4,8,8]", r.Out());
        Assert.Equal(6912, r.Cost().Macs);
        Assert.Equal(2 * 6912 + 256 + 256, r.Cost().Flops);
        Assert.Equal(4 * 27 + 4, r.Cost().Params);
    }

    [Fact]
    public void FusedMatMul_transposes_and_alpha()
    {
        // A [2,5,3]ᵀ → [2,3,5]; B [4,5]ᵀ → [5,4]: Y [2,3,4], MACs 2·3·4·5 = 120, alpha ≠ 1 adds one FLOP per output
        var r = Run("FusedMatMul", Ms, [F("a", 2, 5, 3), F("#b", 4, 5)], 1, A("transA", 1L), A("transB", 1L), A("alpha", 0.5f));
        Assert.Equal("float32[2,3,4]", r.Out());
        Assert.Equal(120, r.Cost().Macs);
        Assert.Equal(240 + 24, r.Cost().Flops);
        // transBatchA: [3,2,5] is read as [2,3,5]
        var b = Run("FusedMatMul", Ms, [F("a", 3, 2, 5), F("#b", 5, 4)], 1, A("transBatchA", 1L));
        Assert.Equal("float32[2,3,4]", b.Out());
        Assert.Equal(120, b.Cost().Macs);
    }

    [Theory]
    [InlineData("FastGelu", 15)] // tanh approximation: 8 (tanh) + 7
    [InlineData("BiasGelu", 13)] // bias add + erf Gelu
    [InlineData("QuickGelu", 14)]
    [InlineData("Gelu", 12)]
    public void Gelu_family_keeps_shape(string op, long perElement)
    {
        var r = Run(op, Ms, [F("x", 2, 8), F("#bias", 8)]);
        Assert.Equal("float32[2,8]", r.Out());
        Assert.Equal(16 * perElement, r.Cost().Flops);
    }

    [Fact]
    public void SkipLayerNormalization_outputs_and_flops()
    {
        var r = Run("SkipLayerNormalization", Ms, [F("x", 2, 4, 8), F("skip", 2, 4, 8), F("#g", 8), F("#beta", 8), F("#bias", 8)], 4);
        Assert.Equal("float32[2,4,8]", r.Out(0));
        Assert.Equal("float32[2,4,1]", r.Out(1));
        Assert.Equal("float32[2,4,1]", r.Out(2));
        Assert.Equal("float32[2,4,8]", r.Out(3));
        Assert.Equal(64 * (1 + 1 + 7), r.Cost().Flops); // skip add, bias add, LayerNormalization
        Assert.Equal(24, r.Cost().Params);
        var s = Run("SkipSimplifiedLayerNormalization", Ms, [F("x", 2, 4, 8), F("skip", 2, 4, 8), F("#g", 8)], 1);
        Assert.Equal("float32[2,4,8]", s.Out());
        Assert.Equal(64 * (1 + 4), s.Cost().Flops);
    }

    [Theory]
    [InlineData("")]
    [InlineData(Ms)]
    public void SimplifiedLayerNormalization_inv_std_var(string domain)
    {
        var r = Run("SimplifiedLayerNormalization", domain, [F("x", 2, 4, 8), F("#scale", 8)], 2, A("axis", -1L));
        Assert.Equal("float32[2,4,8]", r.Out(0));
        Assert.Equal("float32[2,4,1]", r.Out(1));
        Assert.Equal(64 * 4, r.Cost().Flops);
    }

    [Fact]
    public void EmbedLayerNormalization_shapes_and_params()
    {
        var r = Run("EmbedLayerNormalization", Ms,
            [T("ids", DataType.Int32, 2, 6), T("seg", DataType.Int32, 2, 6), F("#word", 100, 16), F("#pos", 64, 16), F("#segemb", 2, 16), F("#g", 16), F("#b", 16)], 2);
        Assert.Equal("float32[2,6,16]", r.Out(0));
        Assert.Equal("int32[2]", r.Out(1));
        Assert.Equal(1600 + 1024 + 32 + 16 + 16, r.Cost().Params);
        Assert.Equal(2 * 6 * 16 * (2 + 7), r.Cost().Flops);
    }

    [Fact]
    public void Attention_fused_projection_with_past()
    {
        // B=2, S=5, D=16, 4 heads of 4, past P=3 → present [2,B,N,8,4]; projection 2·5·16·48 = 7680, core 2·4·5·8·(4+4) = 2560
        var r = Run("Attention", Ms, [F("x", 2, 5, 16), F("#w", 16, 48), F("#b", 48), T("", DataType.Int32), F("past", 2, 2, 4, 3, 4)], 2, A("num_heads", 4L));
        Assert.Equal("float32[2,5,16]", r.Out(0));
        Assert.Equal("float32[2,2,4,8,4]", r.Out(1));
        Assert.Equal(7680 + 2560, r.Cost().Macs);
    }

    [Fact]
    public void QAttention_counts_like_attention_in_int8()
    {
        var r = Run("QAttention", Ms, [T("x", DataType.Int8, 2, 5, 16), T("#w", DataType.Int8, 16, 48), F("#b", 48), F("#sx"), F("#sw")], 1, A("num_heads", 4L));
        Assert.Equal("float32[2,5,16]", r.Out());
        Assert.Equal(7680 + 2 * 4 * 5 * 5 * 8, r.Cost().Macs);
        Assert.Equal(Precision.Int8, r.Cost().Precision);
    }

    [Fact]
    public void MultiHeadAttention_cross_and_with_past()
    {
        // S=5 queries over L=7 keys, 4 heads of 4: 2·4·5·7·(4+4) = 2240
        var r = Run("MultiHeadAttention", Ms, [F("q", 2, 5, 16), F("k", 2, 7, 16), F("v", 2, 7, 16)], 1, A("num_heads", 4L));
        Assert.Equal("float32[2,5,16]", r.Out());
        Assert.Equal(2240, r.Cost().Macs);
        var p = Run("MultiHeadAttention", Ms,
            [F("q", 2, 5, 16), F("k", 2, 5, 16), F("v", 2, 5, 16), F(""), F(""), F(""), F("pk", 2, 4, 3, 4), F("pv", 2, 4, 3, 4)], 3, A("num_heads", 4L));
        Assert.Equal("float32[2,4,8,4]", p.Out(1));
        Assert.Equal("float32[2,4,8,4]", p.Out(2));
        Assert.Equal(2 * 4 * 5 * 8 * 8, p.Cost().Macs);
    }

    [Fact]
    public void GroupQueryAttention_present_is_past_plus_sequence()
    {
        // 8 query heads, 2 KV heads, head 4; past 6 + 5 new tokens = 11: MACs 1·8·5·11·(4+4) = 3520
        var r = Run("GroupQueryAttention", Ms,
            [F("q", 1, 5, 32), F("k", 1, 5, 8), F("v", 1, 5, 8), F("pk", 1, 2, 6, 4), F("pv", 1, 2, 6, 4), T("seqlens", DataType.Int32, 1), T("total", DataType.Int32)],
            3, A("num_heads", 8L), A("kv_num_heads", 2L));
        Assert.Equal("float32[1,5,32]", r.Out(0));
        Assert.Equal("float32[1,2,11,4]", r.Out(1));
        Assert.Equal("float32[1,2,11,4]", r.Out(2));
        Assert.Equal(3520, r.Cost().Macs);
        // packed QKV: (8 + 2·2)·4 = 48 wide
        var packed = Run("GroupQueryAttention", Ms, [F("qkv", 1, 5, 48), F(""), F(""), F("pk", 1, 2, 6, 4), F("pv", 1, 2, 6, 4)], 1, A("num_heads", 8L), A("kv_num_heads", 2L));
        Assert.Equal("float32[1,5,32]", packed.Out());
    }

    [Fact]
    public void GroupQueryAttention_local_window_caps_the_attended_keys_at_window_plus_one()
    {
        // ONNX Runtime's kernel attends the token itself and the local_window_size W keys before it: W + 1 keys.
        // Decode: past 10 + 1 = 11 keys, W = 3 → 4 keys; 8 heads of 4: MACs 8·1·4·(4+4) = 256 (11 keys would be 704)
        (string Name, DataType Type, long[] Dims)[] decode = [F("q", 1, 1, 32), F("k", 1, 1, 8), F("v", 1, 1, 8), F("pk", 1, 2, 10, 4), F("pv", 1, 2, 10, 4)];
        var w = Run("GroupQueryAttention", Ms, decode, 3, A("num_heads", 8L), A("kv_num_heads", 2L), A("local_window_size", 3L));
        Assert.Equal(256, w.Cost().Macs);
        Assert.Equal(2 * 256 + 8 * 4 * 5, w.Cost().Flops); // + softmax 5 per score
        Assert.Equal("float32[1,2,11,4]", w.Out(1)); // the cache itself is not trimmed
        Assert.Equal(704, Run("GroupQueryAttention", Ms, decode, 3, A("num_heads", 8L), A("kv_num_heads", 2L), A("local_window_size", -1L)).Cost().Macs);
        // a window wider than the context changes nothing: W = 50 → min(11, 51) = 11 keys
        Assert.Equal(704, Run("GroupQueryAttention", Ms, decode, 3, A("num_heads", 8L), A("kv_num_heads", 2L), A("local_window_size", 50L)).Cost().Macs);
        // prefill of 5 tokens, W = 2: 3 keys per query → 8·5·3·8 = 960
        var prefill = Run("GroupQueryAttention", Ms, [F("q", 1, 5, 32), F("k", 1, 5, 8), F("v", 1, 5, 8)], 3,
            A("num_heads", 8L), A("kv_num_heads", 2L), A("local_window_size", 2L));
        Assert.Equal(960, prefill.Cost().Macs);
    }

    [Fact]
    public void RotaryEmbedding_and_Trilu_keep_shape()
    {
        Assert.Equal("float32[1,5,32]", Run("RotaryEmbedding", Ms, [F("x", 1, 5, 32), T("pos", DataType.Int64, 1, 5), F("#cos", 16, 8), F("#sin", 16, 8)]).Out());
        Assert.Equal("float32[4,4]", Run("Trilu", Ms, [F("x", 4, 4)]).Out());
    }

    [Fact]
    public void MatMulNBits_counts_packed_int4_weights()
    {
        // K=64, N=32, block 32, 4 bits: B is [32, 2, 16] bytes = 1024 bytes holding 2048 weights; scales [64]
        var r = Run("MatMulNBits", Ms, [F("a", 3, 64), T("#b", DataType.UInt8, 32, 2, 16), F("#scales", 64)], 1,
            A("K", 64L), A("N", 32L), A("bits", 4L), A("block_size", 32L));
        Assert.Equal("float32[3,32]", r.Out());
        Assert.Equal(3 * 32 * 64, r.Cost().Macs);
        Assert.Equal(2048 + 64, r.Cost().Params);
        Assert.Equal(1024 + 256, r.Cost().WeightBytes);
        Assert.Equal(Precision.Int4, r.Cost().Precision);
    }

    [Fact]
    public void MatMulInteger16_is_an_int32_matmul()
    {
        var r = Run("MatMulInteger16", Ms, [T("a", DataType.Int16, 2, 3), T("#b", DataType.Int16, 3, 4)]);
        Assert.Equal("int32[2,4]", r.Out());
        Assert.Equal(24, r.Cost().Macs);
    }

    [Theory]
    [InlineData("QLinearAdd")]
    [InlineData("QLinearMul")]
    public void QLinear_binary_broadcasts(string op)
    {
        var r = Run(op, Ms, [T("a", DataType.UInt8, 2, 3, 4), F("#sa"), T("#za", DataType.UInt8), T("b", DataType.UInt8, 4), F("#sb"), T("#zb", DataType.UInt8), F("#sc"), T("#zc", DataType.UInt8)]);
        Assert.Equal("uint8[2,3,4]", r.Out());
        Assert.Equal(24, r.Cost().Flops);
        Assert.Equal(Precision.Int8, r.Cost().Precision);
    }

    [Fact]
    public void QLinear_unary_pool_and_concat()
    {
        var q = new[] { F("#s"), T("#z", DataType.UInt8), F("#ys"), T("#yz", DataType.UInt8) };
        var sig = Run("QLinearSigmoid", Ms, [T("x", DataType.UInt8, 2, 3), q[0], q[1], q[2], q[3]]);
        Assert.Equal("uint8[2,3]", sig.Out());
        Assert.Equal(6 * 13, sig.Cost().Flops);
        var pool = Run("QLinearGlobalAveragePool", Ms, [T("x", DataType.UInt8, 1, 8, 4, 4), q[0], q[1], q[2], q[3]]);
        Assert.Equal("uint8[1,8,1,1]", pool.Out());
        Assert.Equal(128, pool.Cost().Flops);
        var last = Run("QLinearGlobalAveragePool", Ms, [T("x", DataType.UInt8, 1, 4, 4, 8), q[0], q[1], q[2], q[3]], 1, A("channels_last", 1L));
        Assert.Equal("uint8[1,1,1,8]", last.Out());
        var cat = Run("QLinearConcat", Ms,
            [F("#ys"), T("#yz", DataType.UInt8), T("x1", DataType.UInt8, 1, 2, 4), F("#s1"), T("#z1", DataType.UInt8), T("x2", DataType.UInt8, 1, 3, 4), F("#s2"), T("#z2", DataType.UInt8)],
            1, A("axis", 1L));
        Assert.Equal("uint8[1,5,4]", cat.Out());
    }

    [Fact]
    public void NhwcConv_channels_last()
    {
        // X [1,8,8,3], W [M=4, 3, 3, C=3]: Y [1,8,8,4]; MACs 256 outputs × 27
        var r = Run("NhwcConv", Ms, [F("x", 1, 8, 8, 3), F("#w", 4, 3, 3, 3)], 1, A("pads", new long[] { 1, 1, 1, 1 }));
        Assert.Equal("float32[1,8,8,4]", r.Out());
        Assert.Equal(6912, r.Cost().Macs);
    }

    [Fact]
    public void BiasAdd_and_BiasSoftmax()
    {
        var add = Run("BiasAdd", Ms, [F("x", 2, 4, 8), F("#bias", 8), F("skip", 2, 4, 8)]);
        Assert.Equal("float32[2,4,8]", add.Out());
        Assert.Equal(128, add.Cost().Flops);
        var sm = Run("BiasSoftmax", Ms, [F("x", 2, 4, 8), F("b", 2, 4, 8)]);
        Assert.Equal("float32[2,4,8]", sm.Out());
        Assert.Equal(64 * (1 + 8 + 3 + 4), sm.Cost().Flops);
    }
}

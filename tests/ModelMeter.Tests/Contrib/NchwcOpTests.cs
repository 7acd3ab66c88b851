using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Contrib.ContribHarness;

namespace ModelMeter.Tests.Contrib;

/// <summary>ONNX Runtime's NCHWc layout ops (com.microsoft.nchwc) with hand-computed shapes and MACs.</summary>
public sealed class NchwcOpTests
{
    private const string D = "com.microsoft.nchwc";
    private static readonly int s_block = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? 16 : 8;

    [Fact]
    public void Reorders_pad_channels_to_the_block_and_back()
    {
        Assert.Equal($"float32[1,{s_block},8,8]", Run("ReorderInput", D, [F("x", 1, 3, 8, 8)]).Out());
        Assert.Equal($"float32[1,{s_block},8,8]", Run("ReorderInput", D, [F("x", 1, 8, 8, 3)], 1, A("channels_last", 1L)).Out());
        Assert.Equal("float32[1,10,8,8]", Run("ReorderOutput", D, [F("x", 1, 16, 8, 8)], 1, A("channels", 10L)).Out());
        Assert.Equal("float32[1,8,8,10]", Run("ReorderOutput", D, [F("x", 1, 16, 8, 8)], 1, A("channels", 10L), A("channels_last", 1L)).Out());
    }

    [Fact]
    public void Conv_counts_as_conv_with_fused_activation()
    {
        // [1,16,8,8] ⊛ [16,16,3,3] pad 1: 1024 outputs × 144 = 147456 MACs; + bias and Relu one FLOP per output each
        var r = Run("Conv", D, [F("x", 1, 16, 8, 8), F("#w", 16, 16, 3, 3), F("#b", 16)], 1, A("pads", new long[] { 1, 1, 1, 1 }), A("activation", "Relu"));
        Assert.Equal("float32[1,16,8,8]", r.Out());
        Assert.Equal(147456, r.Cost().Macs);
        Assert.Equal(2 * 147456 + 1024 + 1024, r.Cost().Flops);
    }

    [Fact]
    public void Pools_and_upsample()
    {
        Assert.Equal("float32[1,16,4,4]", Run("MaxPool", D, [F("x", 1, 16, 8, 8)], 1, A("kernel_shape", new long[] { 2, 2 }), A("strides", new long[] { 2, 2 })).Out());
        Assert.Equal("float32[1,16,4,4]", Run("AveragePool", D, [F("x", 1, 16, 8, 8)], 1, A("kernel_shape", new long[] { 2, 2 }), A("strides", new long[] { 2, 2 })).Out());
        Assert.Equal("float32[1,16,1,1]", Run("GlobalAveragePool", D, [F("x", 1, 16, 8, 8)]).Out());
        Assert.Equal("float32[1,16,1,1]", Run("GlobalMaxPool", D, [F("x", 1, 16, 8, 8)]).Out());
        Assert.Equal("float32[1,16,16,16]", Run("Upsample", D, [F("x", 1, 16, 8, 8)], 1, A("scales", new long[] { 1, 1, 2, 2 })).Out());
    }
}

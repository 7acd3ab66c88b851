using ModelMeter.Costs;
using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>The seed chapter's formulas, checked with numbers computed by hand.</summary>
public class LayerFormulaTests
{
    [Fact]
    public void Group_conv_g4_matches_hand_computation()
    {
        var r = LayerFormulas.GroupConv(64, 128, 3, 3, 56, 56, 4);
        Assert.Equal(18_432, r.Params);              // 3·3·64·128/4
        Assert.Equal(57_802_752, r.Macs);            // 18,432·56·56
        Assert.Equal(115_605_504, r.Flops);
        // (64·56·56 + 18,432 + 128·56·56)·4 = (200,704 + 18,432 + 401,408)·4
        Assert.Equal(2_482_176, r.MemoryAccessBytes);
        var text = r.Explain();
        Assert.Contains("MACs = k_h·k_w·c_in·c_out·H·W / g\n     = 3·3·64·128·56·56 / 4\n     = 57,802,752\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_conv_with_and_without_bias()
    {
        var r = LayerFormulas.Conv(64, 128, 3, 3, 56, 56);
        Assert.Equal(73_728, r.Params);
        Assert.Equal(231_211_008, r.Macs);
        var b = LayerFormulas.Conv(64, 128, 3, 3, 56, 56, new LayerOptions(Bias: true));
        Assert.Equal(73_856, b.Params);
        Assert.Equal(2 * 231_211_008L + 128 * 56 * 56, b.Flops);
        Assert.Contains("Params = k_h·k_w·c_in·c_out + c_out", b.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Depthwise_conv_matches_hand_computation()
    {
        var r = LayerFormulas.DepthwiseConv(32, 3, 3, 112, 112);
        Assert.Equal(288, r.Params);                 // 3·3·32
        Assert.Equal(3_612_672, r.Macs);             // 288·112·112
        Assert.Equal(7_225_344, r.Flops);
        // (32·112·112 + 288 + 32·112·112)·4
        Assert.Equal((401_408L + 288 + 401_408) * 4, r.MemoryAccessBytes);
        Assert.Contains("= 3·3·32·112·112\n", r.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fully_connected_and_dtype_and_stride()
    {
        var r = LayerFormulas.FullyConnected(2048, 1000, new LayerOptions(Bias: true, DataType: DataType.Float16));
        Assert.Equal(2_049_000, r.Params);
        Assert.Equal(2_048_000, r.Macs);
        Assert.Equal(4_097_000, r.Flops);
        Assert.Equal((2048 + 2_049_000 + 1000) * 2, r.MemoryAccessBytes);
        var s = LayerFormulas.Conv(3, 64, 7, 7, 112, 112, new LayerOptions(Stride: 2));
        Assert.Equal(3 * 224 * 224 * 4, s.InputBytes);
        Assert.Equal(118_013_952, s.Macs); // ResNet stem: 7·7·3·64·112·112
    }

    [Fact]
    public void Bad_numbers_are_usage_errors()
    {
        var e = Assert.Throws<ModelMeterException>(() => LayerFormulas.GroupConv(64, 128, 3, 3, 56, 56, 3));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Throws<ModelMeterException>(() => LayerFormulas.Conv(0, 1, 1, 1, 1, 1));
    }
}

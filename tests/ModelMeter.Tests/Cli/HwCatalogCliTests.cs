using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using Xunit;

namespace ModelMeter.Tests.Cli;

public sealed class HwCatalogCliTests
{
    [Theory]
    [InlineData("tpu", "tpu-v5p")]
    [InlineData("npu", "gaudi3")]
    [InlineData("cpu", "epyc-9654")]
    public void List_filters_by_kind(string kind, string expected)
    {
        var r = CliRunner.Run("hw", "list", "--kind", kind, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var back = HardwareCatalog.Parse(r.Out, "list.json");
        Assert.Contains(back, h => h.Id == expected);
        Assert.All(back, h => Assert.Equal(kind, h.Kind.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void List_filters_by_vendor_and_an_empty_match_is_an_error()
    {
        var r = CliRunner.Run("hw", "list", "--vendor", "amd", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.All(HardwareCatalog.Parse(r.Out, "list.json"), h => Assert.Equal("AMD", h.Vendor));
        Assert.Equal(2, CliRunner.Run("hw", "list", "--vendor", "nobody").ExitCode);
    }

    [Fact]
    public void Compare_prints_ratios_to_the_first_chip()
    {
        // H100 SXM / A100 80GB SXM: FP16 989.4 / 312 = 3.17x; bandwidth 3350 / 2039 = 1.64x
        var r = CliRunner.Run("hw", "compare", "a100-80g-sxm", "h100-sxm", "--format", "md");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Out.Split('\n'), l => l.StartsWith("| Peak FP16 | 1.00× | 3.17× |", StringComparison.Ordinal));
        Assert.Contains(r.Out.Split('\n'), l => l.StartsWith("| Memory bandwidth | 1.00× | 1.64× |", StringComparison.Ordinal));
    }

    [Fact]
    public void Show_json_has_exact_memory_peaks_links_and_tdp()
    {
        var r = CliRunner.Run("hw", "show", "a100-80g-sxm", "--format", "json");
        using var doc = JsonDocument.Parse(r.Out);
        var e = doc.RootElement;
        Assert.Equal(80.0 * 1024 * 1024 * 1024, e.GetProperty("memory_bytes").GetDouble());
        Assert.Equal(312, e.GetProperty("peak_tflops").GetProperty("fp16").GetDouble());
        Assert.Equal(624, e.GetProperty("sparse_tflops").GetProperty("fp16").GetDouble());
        Assert.Equal(600, e.GetProperty("interconnect").GetProperty("nvlink_gbps").GetDouble());
        Assert.Equal(400, e.GetProperty("tdp_w").GetDouble());
    }

    [Fact]
    public void Show_states_what_a_chip_lacks_and_its_fallback()
    {
        var r = CliRunner.Run("hw", "show", "h100-sxm");
        Assert.Contains("none: falls back to FP8 (1979 TFLOPS)", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_and_energy_reach_the_json()
    {
        // T4 on PCIe Gen3 x16: 8 GT/s x 16 lanes x 128/130 / 8 = 15.754 GB/s theoretical each way, 0.8 of it typical = 12.603 GB/s; 70 W TDP.
        const double bw = 8e9 * 16 * 128 / 130 / 8 * 0.8;
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4", "--precision", "fp16", "--batch", "1", "--transfer", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var e = JsonDocument.Parse(r.Out).RootElement.GetProperty("estimates")[0];
        double latency = e.GetProperty("latency_s").GetDouble();
        Assert.Equal(latency * 70, e.GetProperty("energy_j").GetDouble(), 12);
        Assert.Equal(1 / (latency * 70), e.GetProperty("inferences_per_joule").GetDouble(), 9);
        // input 1x3x224x224 fp32 = 602,112 B in, output 1x1000 fp32 = 4,000 B out, 2 copies of 10 µs
        Assert.Equal(2e-5 + (602_112 + 4_000) / bw, e.GetProperty("transfer_s").GetDouble(), 12);
        Assert.True(e.GetProperty("weight_load_s").GetDouble() > 51e6 / bw);
        var plain = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4", "--format", "json");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(plain.Out).RootElement.GetProperty("estimates")[0].GetProperty("transfer_s").ValueKind);
    }

    [Fact]
    public void Sparsity_2_4_uses_the_sparse_peaks_only_when_asked()
    {
        var dense = JsonDocument.Parse(CliRunner.Run("analyze", "zoo:resnet50", "--hw", "a100-80g-sxm", "--precision", "fp16", "--batch", "256", "--format", "json").Out);
        var sparse = JsonDocument.Parse(CliRunner.Run("analyze", "zoo:resnet50", "--hw", "a100-80g-sxm", "--precision", "fp16", "--batch", "256", "--sparsity", "2:4", "--format", "json").Out);
        double Peak(JsonDocument d) => d.RootElement.GetProperty("estimates")[0].GetProperty("peak_flops_per_s").GetDouble();
        Assert.Equal(312e12, Peak(dense));
        Assert.Equal(624e12, Peak(sparse));
        Assert.Equal(2, CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4", "--sparsity", "1:2").ExitCode);
    }
}

using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using Xunit;

namespace ModelMeter.Tests.Cli;

public sealed class HwCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mm-hw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void List_has_every_catalog_id_and_the_ids_the_issue_names()
    {
        var r = CliRunner.Run("hw", "list");
        Assert.Equal(0, r.ExitCode);
        var ids = HardwareCatalog.Default.Entries.Select(e => e.Id).Concat(["t4", "a100-80g-sxm", "h100-sxm", "jetson-agx-orin-64g", "xeon-8480"]);
        foreach (var id in ids)
            Assert.Contains(r.Out.Split('\n'), l => l.TrimStart().StartsWith(id + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void List_ridge_points_of_the_t4_are_peak_over_bandwidth()
    {
        // Seed chapter: 8.1 TFLOPS FP32, 65 TFLOPS FP16, 320 GB/s: ridge = 8.1e12 / 320e9 = 25.3, 65e12 / 320e9 = 203.1 FLOP/byte.
        var r = CliRunner.Run("hw", "list", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var header = r.Out.Split("\r\n")[0].Split(',');
        var t4 = r.Out.Split("\r\n").Single(l => l.StartsWith("t4,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("25.3", t4[Array.IndexOf(header, "ridge_fp32")]);
        Assert.Equal("203.1", t4[Array.IndexOf(header, "ridge_fp16")]);
        Assert.Equal("320", t4[Array.IndexOf(header, "bandwidth_gbps")]);
    }

    [Fact]
    public void Show_t4_has_the_seed_chapter_figures_and_sources()
    {
        var r = CliRunner.Run("hw", "show", "t4");
        Assert.Equal(0, r.ExitCode);
        foreach (var s in new[] { "8.1 TFLOPS", "65 TFLOPS", "130 TOPS", "260 TOPS", "320 GB/s", "16 GB GDDR6", "32 GB/s", "tesla-t4", "turing", "40 SMs" })
            Assert.Contains(s, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_json_is_a_hardware_file_that_reads_back()
    {
        var r = CliRunner.Run("hw", "show", "t4", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var back = Assert.Single(HardwareCatalog.Parse(r.Out, "show.json"));
        Assert.Equal(65, back.Peak(Precision.Fp16));
        Assert.Equal(320, back.MemoryBandwidthGbps);
        Assert.Equal(40, back.SmCount);
        Assert.Equal("turing", back.Architecture);
        Assert.Contains("Turing", back.FieldSources["architecture"], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_puts_chips_side_by_side()
    {
        var r = CliRunner.Run("hw", "compare", "t4", "a10", "l4", "--format", "md");
        Assert.Equal(0, r.ExitCode);
        var header = r.Out.Split('\n').First(l => l.StartsWith("| Field", StringComparison.Ordinal));
        Assert.Equal("| Field | t4 | a10 | l4 |", header);
        Assert.Contains(r.Out.Split('\n'), l => l.StartsWith("| Memory bandwidth | 320 GB/s |", StringComparison.Ordinal));
    }

    [Fact]
    public void Hw_file_adds_a_user_chip_everywhere()
    {
        var file = Path.Combine(_dir, "my.json");
        File.WriteAllText(file, """{ "id": "my-npu", "name": "My NPU", "kind": "npu", "peak_tflops": { "fp16": 10 }, "memory_gb": 8, "memory_bandwidth_gbps": 100 }""");
        var list = CliRunner.Run("hw", "list", "--hw-file", file);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("my-npu", list.Out, StringComparison.Ordinal);
        // fp16 ridge = 10e12 / 100e9 = 100 FLOP/byte
        Assert.Contains("100 FLOP/byte", CliRunner.Run("hw", "show", "my-npu", "--hw-file", file).Out, StringComparison.Ordinal);
        var est = CliRunner.Run("analyze", "mem:tiny", "--hw", "my-npu", "--hw-file", file, "--format", "json");
        Assert.Equal(0, est.ExitCode);
    }

    [Theory]
    [InlineData("hw", "show", "t44")]
    [InlineData("hw", "compare", "t4", "nosuchchip")]
    [InlineData("hw", "show", "t4", "a10")]
    public void Unknown_or_extra_ids_exit_2_with_one_line(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelmeter: ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_id_suggests_the_closest()
    {
        var r = CliRunner.Run("hw", "show", "t44");
        Assert.Contains("'t4'", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void List_json_is_an_array_with_every_entry()
    {
        var r = CliRunner.Run("hw", "list", "--format", "json");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(HardwareCatalog.Default.Entries.Count, doc.RootElement.GetArrayLength());
    }
}

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

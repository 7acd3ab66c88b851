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

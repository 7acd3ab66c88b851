using Xunit;
using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Tests.Hardware;

/// <summary>Every figure in the embedded hardware.json is traced to its row in docs/hardware.md.</summary>
public class HardwareJsonTraceTests
{
    static readonly Dictionary<Precision, string> s_columns = new()
    {
        [Precision.Fp64] = "FP64", [Precision.Fp32] = "FP32", [Precision.Tf32] = "TF32", [Precision.Fp16] = "FP16/BF16",
        [Precision.Bf16] = "FP16/BF16", [Precision.Fp8] = "FP8", [Precision.Int8] = "INT8", [Precision.Int4] = "INT4",
    };

    public static TheoryData<string> Ids() => [.. HardwareCatalog.Embedded.Select(h => h.Id)];

    /// <summary>Entries taken from a docs/hardware.md row (the others carry their sources in hardware.json itself).</summary>
    public static TheoryData<string> TracedIds() => [.. HardwareCatalog.Embedded.Where(h => h.SourceRow is not null).Select(h => h.Id)];

    static void AssertIn(double value, string cell, string what, string id)
        => Assert.True(HardwareDocs.Numbers(cell).Contains(value), $"{id}: {what} = {value} is not in hardware.md cell \"{cell}\"");

    [Theory]
    [MemberData(nameof(TracedIds))]
    public void Every_figure_is_in_its_hardware_md_row(string id)
    {
        if (!HardwareDocs.Available()) return;
        var table = HardwareDocs.ReadTable();
        var hw = HardwareCatalog.Default.Get(id);
        Assert.NotNull(hw.SourceRow);
        var row = hw.SourceRow!;
        string Cell(string c) => table.Cell(row, c);

        foreach (var (precision, column) in s_columns)
        {
            var cell = Cell(column);
            if (hw.Peak(precision) is { } peak && !hw.FieldSources.ContainsKey("peak_tflops." + precision.ToString().ToLowerInvariant()))
                AssertIn(peak, cell, $"peak {precision}", id);
            else if (precision != Precision.Fp16 && precision != Precision.Bf16)
                Assert.True(HardwareDocs.Numbers(cell).Count == 0 || cell.StartsWith("n/a", StringComparison.Ordinal),
                    $"{id}: hardware.md has {precision} \"{cell}\" but hardware.json has no peak");
        }
        foreach (var (precision, value) in hw.SparseTflops)
            Assert.True(HardwareDocs.SparseNumbers(Cell(s_columns[precision])).Contains(value),
                $"{id}: sparse {precision} = {value} is not a [bracketed] figure in hardware.md cell \"{Cell(s_columns[precision])}\"");
        foreach (var (precision, value) in hw.Fp16AccumulateTflops)
            AssertIn(value, Cell(s_columns[precision]), $"fp16-accumulate {precision}", id);
        foreach (var (precision, value) in hw.MatrixTflops)
            AssertIn(value, Cell(s_columns[precision]), $"matrix {precision}", id);

        AssertIn(hw.MemoryBandwidthGbps, Cell("GB/s"), "memory_bandwidth_gbps", id);
        if (hw.MemoryGb is { } gb) AssertIn(gb, Cell("Memory"), "memory_gb", id);
        if (hw.OnChipMb is { } mb && !hw.FieldSources.ContainsKey("on_chip_mb")) AssertIn(mb, Cell("L2 / on-chip"), "on_chip_mb", id);
        if (hw.SmCount is { } sm && !hw.FieldSources.ContainsKey("sm_count")) AssertIn(sm, Cell("Cores / tensor units"), "sm_count", id);
        if (hw.TdpW is { } w) AssertIn(w, Cell("TDP W"), "tdp_w", id);
        if (hw.Year is { } y) AssertIn(y, Cell("Yr"), "year", id);
        var ic = Cell("Interconnect (GB/s)");
        foreach (var (name, v) in new[] { ("pcie_gen", (double?)hw.Interconnect.PcieGen), ("pcie_lanes", hw.Interconnect.PcieLanes),
                     ("pcie_gbps", hw.Interconnect.PcieGbps), ("nvlink_gbps", hw.Interconnect.NvlinkGbps), ("other_gbps", hw.Interconnect.OtherGbps) })
            if (v is { } x) AssertIn(x, ic, name, id);
        Assert.Equal(Cell("Src"), hw.SourceId);
    }

    [Theory]
    [MemberData(nameof(TracedIds))]
    public void Source_text_is_the_hardware_md_source_line(string id)
    {
        if (!HardwareDocs.Available()) return;
        var hw = HardwareCatalog.Default.Get(id);
        var sources = HardwareDocs.ReadSources();
        Assert.True(sources.ContainsKey(hw.SourceId!), $"{id}: source {hw.SourceId} not in hardware.md");
        Assert.Equal(sources[hw.SourceId!], hw.Source);
    }

    [Fact]
    public void Every_hardware_md_row_is_catalogued()
    {
        if (!HardwareDocs.Available()) return;
        var rows = HardwareDocs.ReadTable().Rows.Keys;
        var catalogued = HardwareCatalog.Embedded.Select(h => h.SourceRow).ToHashSet();
        Assert.All(rows, r => Assert.Contains(r, catalogued));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Sm_count_and_architecture_are_set_and_sourced(string id)
    {
        var hw = HardwareCatalog.Default.Get(id);
        Assert.True(hw.SmCount > 0 || (hw.SourceRow is null && hw.Notes.Any(n => n.Contains("SM count not published", StringComparison.Ordinal))),
            $"{id}: no sm_count (and no note that the vendor does not publish it)");
        Assert.False(string.IsNullOrEmpty(hw.Architecture), $"{id}: no architecture");
        Assert.True(hw.FieldSources.TryGetValue("architecture", out var src) && src.Length > 10, $"{id}: architecture has no field source");
        if (hw.FieldSources.TryGetValue("sm_count", out var smSrc))
            Assert.Contains(hw.SmCount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), smSrc, StringComparison.Ordinal);
    }

    [Theory]
    // Generations as the vendors' whitepapers name them; SM/CU counts from the same documents.
    [InlineData("t4", "turing", 40)]
    [InlineData("v100-sxm2-32g", "volta", 80)]
    [InlineData("a100-80g-sxm", "ampere", 108)]
    [InlineData("h100-sxm", "hopper", 132)]
    [InlineData("h100-pcie", "hopper", 114)]
    [InlineData("rtx-4090", "ada", 128)]
    [InlineData("mi300x", "cdna3", 304)]
    [InlineData("mi250x", "cdna2", 220)]
    [InlineData("tpu-v4", "tpu-v4", 2)]
    [InlineData("epyc-9654", "zen4", 96)]
    public void Known_generations_and_unit_counts(string id, string architecture, int sm)
    {
        var hw = HardwareCatalog.Default.Get(id);
        Assert.Equal(architecture, hw.Architecture);
        Assert.Equal(sm, hw.SmCount);
    }

    [Fact]
    public void Bf16_only_where_supported()
    {
        Assert.Null(HardwareCatalog.Default.Get("t4").Peak(Precision.Bf16));
        Assert.Null(HardwareCatalog.Default.Get("v100-sxm2-32g").Peak(Precision.Bf16));
        Assert.Null(HardwareCatalog.Default.Get("tpu-v4").Peak(Precision.Fp16));
        Assert.Equal(312, HardwareCatalog.Default.Get("a100-80g-sxm").Peak(Precision.Bf16));
    }

    [Fact]
    public void Embedded_json_is_snake_case()
    {
        using var s = typeof(HardwareCatalog).Assembly.GetManifestResourceStream("ModelMeter.Hardware.hardware.json")!;
        using var doc = JsonDocument.Parse(s);
        foreach (var e in doc.RootElement.EnumerateArray())
            foreach (var p in e.EnumerateObject())
                Assert.Matches("^[a-z0-9_]+$", p.Name);
    }
}

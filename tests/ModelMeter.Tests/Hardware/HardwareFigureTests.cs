using ModelMeter.Costs;
using ModelMeter.Hardware;
using Xunit;

namespace ModelMeter.Tests.Hardware;

/// <summary>Figures of the catalog checked against facts from outside the code: GiB-sized memories, nvidia-smi totals,
/// derived rates, and the consistency every entry must have.</summary>
public class HardwareFigureTests
{
    const double GiB = 1024.0 * 1024 * 1024;

    public static TheoryData<string> Ids() => [.. HardwareCatalog.Embedded.Select(h => h.Id)];

    [Theory]
    // An "80GB" A100 or H100 holds 80 GiB; nvidia-smi reports 81920 MiB (A100) and 81559 MiB (H100) of it as usable.
    [InlineData("a100-80g-sxm", 80, 81920)]
    [InlineData("h100-sxm", 80, 81559)]
    [InlineData("t4", 16, 15360)]
    [InlineData("h200-sxm", 144, 143771)]
    public void Memory_is_exact_in_bytes(string id, double gib, double usableMib)
    {
        var hw = HardwareCatalog.Default.Get(id);
        Assert.Equal(gib * GiB, hw.MemoryBytes);
        Assert.Equal(usableMib * 1024 * 1024, hw.UsableMemoryBytes);
        Assert.True(hw.UsableMemoryBytes <= hw.MemoryBytes);
    }

    [Fact]
    public void A100_80gb_is_85_9_gb()
        => Assert.Equal(85.9, Math.Round(HardwareCatalog.Default.Get("a100-80g-sxm").MemoryBytes!.Value / 1e9, 1));

    [Fact]
    public void V100_int8_is_dp4a_on_cuda_cores_not_the_fp16_tensor_rate()
    {
        var v100 = HardwareCatalog.Default.Get("v100-sxm2-32g");
        // 5,120 CUDA cores x 4 int8 MACs (dp4a) x 2 ops x 1.53 GHz
        Assert.Equal(Math.Round(5120 * 4 * 2 * 1.53e9 / 1e12, 1), v100.Peak(Precision.Int8));
        Assert.True(v100.Peak(Precision.Int8) < v100.Peak(Precision.Fp16) / 1.9);
    }

    [Fact]
    public void GeForce_fp16_accumulate_is_twice_the_fp32_accumulate_rate()
    {
        foreach (var id in new[] { "rtx-3090", "rtx-4090", "rtx-5090" })
        {
            var hw = HardwareCatalog.Default.Get(id);
            Assert.Equal(2 * hw.Peak(Precision.Fp16)!.Value, hw.Fp16AccumulateTflops[Precision.Fp16], 0);
        }
        Assert.Empty(HardwareCatalog.Default.Get("h100-sxm").Fp16AccumulateTflops);
    }

    [Fact]
    public void Fp4_is_only_where_the_hardware_has_it()
    {
        var b200 = HardwareCatalog.Default.Get("b200");
        Assert.Equal(2 * b200.Peak(Precision.Fp8)!.Value, b200.Peak(Precision.Fp4));
        Assert.Equal(b200.Peak(Precision.Fp8), b200.Peak(Precision.Fp6)); // Blackwell: FP6 at the FP8 rate
        var mi355 = HardwareCatalog.Default.Get("mi355x");
        Assert.Equal(mi355.Peak(Precision.Fp4), mi355.Peak(Precision.Fp6)); // CDNA 4: FP6 at the FP4 rate
        Assert.Null(HardwareCatalog.Default.Get("h100-sxm").Peak(Precision.Fp4));
        Assert.Null(HardwareCatalog.Default.Get("mi300x").Peak(Precision.Fp6));
    }

    [Fact]
    public void Epyc_has_real_peaks()
    {
        var epyc = HardwareCatalog.Default.Get("epyc-9654");
        // 96 cores x 2.4 GHz x 16 FP64 FLOP per clock (two 256-bit FMA pipes)
        Assert.Equal(Math.Round(96 * 2.4e9 * 16 / 1e12, 2), epyc.Peak(Precision.Fp64));
        Assert.Equal(2 * epyc.Peak(Precision.Fp64)!.Value, epyc.Peak(Precision.Fp32)!.Value, 1);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_entry_is_sourced_and_consistent(string id)
    {
        var hw = HardwareCatalog.Default.Get(id);
        Assert.False(string.IsNullOrWhiteSpace(hw.Source), $"{id}: no source");
        if (hw.SourceRow is null)
            Assert.True(hw.Source!.Contains("http", StringComparison.Ordinal), $"{id}: a new entry must cite a URL");
        Assert.NotNull(hw.Architecture);
        foreach (var (p, sparse) in hw.SparseTflops)
        {
            Assert.True(hw.Peak(p) is { } dense && sparse >= dense, $"{id}: sparse {p} {sparse} without a lower dense peak");
        }
        if (hw.MemoryBytes is { } bytes && hw.MemoryGb is { } gb)
            Assert.InRange(bytes / 1e9, gb * 0.98, gb * 1.1); // GiB-sized parts hold up to 7.4% more than their GB label
        if (hw.PowerMinW is { } min) Assert.True(min <= hw.TdpW, $"{id}: power_min_w above tdp_w");
        Assert.True(hw.Kind == HardwareKind.Cpu || hw.Interconnect.HostLink is not null || hw.Interconnect.PcieGen is not null
            || hw.Kind == HardwareKind.Tpu || hw.Kind == HardwareKind.Npu, $"{id}: no host link");
    }

    [Fact]
    public void Pcie_per_direction_follows_the_line_rate()
    {
        // Gen3 x16: 8 GT/s x 16 x 128/130 / 8 = 15.75 GB/s each way; the T4's "32 GB/s" is both directions.
        var t4 = HardwareCatalog.Default.Get("t4").Interconnect;
        Assert.Equal(15.75, t4.HostTheoreticalPerDirection!.Value, 2);
        Assert.Equal(15.75 * LinkMath.TypicalShare, t4.HostTypicalPerDirection!.Value, 2);
        Assert.Equal(63.0, LinkMath.PciePerDirection(5, 16)!.Value, 1);
        Assert.Equal(450, HardwareCatalog.Default.Get("gb200").Interconnect.HostTheoreticalPerDirection); // NVLink-C2C 900 GB/s both ways
    }

    [Fact]
    public void Sparsity_swaps_in_the_sparse_peaks_only()
    {
        var h100 = HardwareCatalog.Default.Get("h100-sxm");
        var sparse = h100.WithSparsity();
        Assert.Equal(1979, sparse.Peak(Precision.Fp16));
        Assert.Equal(67, sparse.Peak(Precision.Fp32));
        Assert.Equal(989.4, h100.Peak(Precision.Fp16));
    }
}

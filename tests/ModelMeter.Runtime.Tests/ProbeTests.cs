using ModelMeter.Costs;
using ModelMeter.Hardware;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Runtime.Tests;

public class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Small_probe_gives_sane_figures_and_a_readable_hardware_entry()
    {
        var p = Probe.Run(new ProbeOptions(Threads: 1, Repeats: 1, ArrayMegabytes: 16, GemmSize: 256, FmaSeconds: 0.02));
        output.WriteLine($"FMA {p.FmaFlopsPerSSingle / 1e9:F1} GFLOP/s, GEMM {p.GemmFlopsPerS / 1e9:F1}, triad {p.TriadBytesPerS / 1e9:F1} GB/s, theoretical {p.TheoreticalFlopsPerS / 1e9:F1}");
        // Correctness bounds only (no speed floor: a busy CI machine may run the kernels arbitrarily slowly; speed is
        // measured in docs/performance.md): positive and finite, and no core does 10 TFLOP/s or 10 TB/s (that would be a miscount).
        Assert.InRange(p.FmaFlopsPerSSingle, double.Epsilon, 1e13);
        Assert.InRange(p.GemmFlopsPerS, double.Epsilon, 1e13);
        Assert.InRange(p.TriadBytesPerS, double.Epsilon, 1e13);
        if (p.TheoreticalFlopsPerS is { } th) Assert.True(p.FmaFlopsPerSSingle < th * 3, "measured far above the theoretical peak: kernel miscounts FLOPs");
        var json = HardwareJson.Serialize(p, "local");
        var hw = HardwareCatalog.Parse(json, "local.json").Single();
        Assert.Equal("local", hw.Id);
        Assert.Equal(HardwareKind.Cpu, hw.Kind);
        Assert.Equal(p.FmaFlopsPerS / 1e12, hw.Peak(Precision.Fp32)!.Value, 3);
    }
}

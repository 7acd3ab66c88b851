using System.Globalization;
using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Runtime;

/// <summary>Turns probe results into a hardware entry of the catalog's schema (written with <see cref="HardwareJsonWriter"/>,
/// read back with <see cref="HardwareCatalog.LoadFile"/> and <c>--hw-file</c>).</summary>
public static class HardwareJson
{
    /// <summary>This machine as a catalog entry: <c>peak_tflops.fp32</c> = the all-threads FMA peak (vector units),
    /// <c>matrix_tflops.fp32</c> = ONNX Runtime's measured GEMM rate (what Conv/Gemm kernels reach), bandwidth = triad.</summary>
    public static HardwareSpec Entry(ProbeResult p, string id = "local")
    {
        var notes = new List<string>
        {
            $"Measured by `modelmeter hw probe` on {p.Threads} thread(s) with {p.Isa}: FMA peak {G(p.FmaFlopsPerS)} GFLOP/s " +
            $"({G(p.FmaFlopsPerSSingle)} on one thread), ONNX Runtime MatMul {p.GemmSize}x{p.GemmSize} {G(p.GemmFlopsPerS)} GFLOP/s.",
            $"Bandwidth (STREAM counting): read {G(p.ReadBytesPerS)} GB/s, copy {G(p.CopyBytesPerS)} GB/s, triad {G(p.TriadBytesPerS)} GB/s; triad is used.",
        };
        if (p.TheoreticalFlopsPerS is { } th)
            notes.Add($"Theoretical FP32 FMA peak {G(th)} GFLOP/s ({p.Threads} cores x {p.FmaPipesAssumed} FMA pipes (assumed) x {p.Lanes} lanes x 2 x " +
                      $"{p.ClockMhz:F0} MHz); the FMA kernel reached {p.FmaFlopsPerS / th:P0} of it.");
        return new HardwareSpec
        {
            Id = id,
            Name = $"{p.CpuModel} ({p.Threads} threads, measured)",
            Vendor = p.CpuModel.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "",
            Kind = HardwareKind.Cpu,
            PeakTflops = new Dictionary<Precision, double> { [Precision.Fp32] = Round(p.FmaFlopsPerS / 1e12) },
            MatrixTflops = new Dictionary<Precision, double> { [Precision.Fp32] = Round(p.GemmFlopsPerS / 1e12) },
            MemoryBandwidthGbps = Round(p.TriadBytesPerS / 1e9),
            MemoryGb = p.MemoryGb,
            OnChipMb = p.LastLevelCacheMb,
            Clock = p.ClockMhz is { } mhz ? mhz.ToString("F0", CultureInfo.InvariantCulture) + " MHz (/proc/cpuinfo)" : null,
            Source = $"modelmeter hw probe, {DateTime.UtcNow:yyyy-MM-dd}",
            Notes = notes,
            Origin = "probe",
        };
    }

    /// <summary>The probe's entry as a hardware JSON document (an array of one entry).</summary>
    public static string Serialize(ProbeResult p, string id = "local") => HardwareJsonWriter.Serialize([Entry(p, id)]);

    static string G(double v) => (v / 1e9).ToString("F1", CultureInfo.InvariantCulture);

    static double Round(double v) => double.Parse(v.ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

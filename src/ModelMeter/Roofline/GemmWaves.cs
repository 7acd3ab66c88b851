using ModelMeter.Engines;

namespace ModelMeter.Roofline;

/// <summary>
/// Tile and wave quantisation of a GEMM (NVIDIA Deep Learning Performance Guide, "Matrix Multiplication Background": the output
/// is cut into thread-block tiles, tiles run in waves of one per SM; partial tiles and a partial last wave leave units idle).
/// Each tile is also held to what the on-chip bandwidth can feed it (first principles: a Tm×Tn tile reads (Tm+Tn) elements per
/// K step for Tm·Tn MACs, so it reaches min(1, L2 bandwidth × 2·Tm·Tn / ((Tm+Tn)·bytes per element) / peak) of the peak).
/// The library picks the best tile, and splits K when there are fewer tiles than SMs.
/// </summary>
public static class GemmWaves
{
    static readonly (int M, int N)[] s_tiles = [(256, 128), (128, 256), (128, 128), (128, 64), (64, 128), (64, 64)];

    /// <summary>Smallest K slice a split-K GEMM keeps per SM.</summary>
    public const int MinSplitK = 256;

    /// <summary>K-loop pipeline depth in elements: the default Ampere tile 256×128×32 runs 3 stages (NVIDIA/cutlass
    /// media/docs/profiler.md), so 3 × 32 elements of K are in flight before the first MMA and drained after the last.</summary>
    public const int PipelineK = 3 * 32;

    /// <summary>Fraction of a tile's time spent on useful MMAs over a K slice of <paramref name="k"/> elements: k / (k + the
    /// pipeline's fill and drain) (first principles; 1 for a long K, 0.89 for K = 768).</summary>
    public static double KLoop(double k) => k <= 0 ? 1 : k / (k + PipelineK);

    /// <summary>Fraction of the peak the GEMM can use: the best over tile shapes of (useful / launched work) × tile feed rate.</summary>
    /// <param name="gemm">The GEMM at the estimate's batch.</param>
    /// <param name="sms">Streaming multiprocessors (compute units).</param>
    /// <param name="peakFlopsPerS">The peak the kernel is held to.</param>
    /// <param name="onChipBytesPerS">On-chip (L2) bandwidth in bytes/s; 0 = not modelled (every tile fed).</param>
    /// <param name="elementBytes">Bytes per operand element.</param>
    public static double Efficiency(GemmShape gemm, int sms, double peakFlopsPerS, double onChipBytesPerS, double elementBytes)
    {
        if (sms <= 0 || gemm.M <= 0 || gemm.N <= 0 || gemm.K <= 0) return 1;
        double best = 0;
        foreach (var (tm, tn) in s_tiles)
        {
            double tiles = Math.Ceiling(gemm.M / tm) * Math.Ceiling(gemm.N / tn);
            double split = tiles >= sms ? 1 : Math.Max(1, Math.Min(Math.Floor(sms / tiles), Math.Floor(gemm.K / MinSplitK)));
            double units = tiles * split;
            double waves = Math.Ceiling(units / sms);
            double useful = gemm.M * gemm.N * split;
            double util = useful / (waves * sms * tm * tn) * KLoop(gemm.K / split);
            double feed = onChipBytesPerS <= 0 ? 1
                : Math.Min(1, onChipBytesPerS * 2.0 * tm * tn / ((tm + tn) * elementBytes) / peakFlopsPerS);
            best = Math.Max(best, Math.Min(1, util) * feed);
        }
        return best;
    }
}

using ModelMeter.Costs;

namespace ModelMeter.Engines;

/// <summary>What kernels achieve on one chip generation, as fractions of the datasheet peaks, from published microbenchmarks.</summary>
public sealed record ArchitectureFactors
{
    /// <summary>Architecture id (as in the hardware catalog's <c>architecture</c>: <c>ampere</c>, <c>hopper</c> …).</summary>
    public required string Id { get; init; }
    /// <summary>Achieved / datasheet peak of large dense GEMMs (cuBLAS, CUTLASS) per precision; <c>default</c> for the others.</summary>
    public IReadOnlyDictionary<string, double> Gemm { get; init; } = new Dictionary<string, double>();
    /// <summary>Achieved / datasheet vector (CUDA-core, SIMD) peak for elementwise and reduction kernels.</summary>
    public double Vector { get; init; } = 0.8;
    /// <summary>Achieved / datasheet DRAM bandwidth of streaming kernels (STREAM, BabelStream, nvbandwidth).</summary>
    public double Bandwidth { get; init; } = 0.85;
    /// <summary>Achieved / datasheet tensor peak of fused attention (FlashAttention forward) at long sequences.</summary>
    public double Attention { get; init; } = 0.5;
    /// <summary>On-chip (L2) bandwidth as a multiple of the DRAM datasheet bandwidth; 0 = no L2 residency modelled.</summary>
    public double L2BandwidthRatio { get; init; }
    /// <summary>Source of each figure, keyed by field.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>The GEMM fraction for <paramref name="precision"/> (<c>default</c> when not listed, else 0.75).</summary>
    public double GemmFor(Precision precision)
        => Gemm.TryGetValue(precision.ToString().ToLowerInvariant(), out var v) ? v : Gemm.TryGetValue("default", out var d) ? d : 0.75;
}

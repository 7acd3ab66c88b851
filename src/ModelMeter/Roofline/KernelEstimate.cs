using ModelMeter.Costs;
using ModelMeter.Engines;

namespace ModelMeter.Roofline;

/// <summary>One fused kernel priced on a chip under an engine. Times in seconds.</summary>
/// <param name="Name">Kernel name (its anchor node).</param>
/// <param name="Kind">What the kernel mainly does.</param>
/// <param name="Nodes">The original nodes it holds.</param>
/// <param name="Flops">FLOPs at the estimate's batch.</param>
/// <param name="Bytes">External bytes moved at the estimate's batch and precision.</param>
/// <param name="BoundS">max(FLOPs / datasheet peak, bytes / datasheet bandwidth): a lower bound on its time.</param>
/// <param name="PredictedS">What the engine is predicted to measure (achievable peaks, waves, L2, launch gap).</param>
/// <param name="Bound">What limits the kernel in the prediction.</param>
public sealed record KernelEstimate(string Name, KernelKind Kind, IReadOnlyList<string> Nodes, double Flops, double Bytes, double BoundS, double PredictedS, Bound Bound)
{
    /// <summary>Op type of the anchor node.</summary>
    public string OpType { get; init; } = "";
    /// <summary>Precision of the peak used.</summary>
    public Precision Precision { get; init; }
    /// <summary>Arithmetic intensity in FLOP/byte; null when the kernel moves no bytes.</summary>
    public double? Intensity { get; init; }
    /// <summary>Fraction of the peak used after tile and wave quantisation (1 for non-GEMM kernels).</summary>
    public double WaveEfficiency { get; init; } = 1;
    /// <summary>Bytes read from on-chip memory (L2) instead of DRAM: inputs the previous kernel just wrote that fit on chip.</summary>
    public double OnChipBytes { get; init; }
}

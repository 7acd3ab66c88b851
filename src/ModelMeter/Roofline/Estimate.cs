using System.Text.Json.Serialization;
using ModelMeter.Costs;

namespace ModelMeter.Roofline;

/// <summary>What limits a kernel's roofline time.</summary>
public enum Bound
{
    /// <summary>FLOPs / peak exceeds bytes / bandwidth.</summary>
    [JsonStringEnumMemberName("compute")] Compute,
    /// <summary>Bytes / bandwidth is at least FLOPs / peak.</summary>
    [JsonStringEnumMemberName("memory")] Memory,
    /// <summary>No kernel runs (metadata-only nodes), or the node does no work (0 FLOPs and 0 bytes: not counted, or empty tensors).</summary>
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>The roofline estimate for one node. Times in seconds, rates per second.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Precision">Precision the node computes in (after any what-if).</param>
/// <param name="Flops">FLOPs at the estimate's batch.</param>
/// <param name="Bytes">Bytes moved at the estimate's batch and precision.</param>
/// <param name="Intensity">Arithmetic intensity in FLOP/byte; null when the node moves no bytes.</param>
/// <param name="AttainableFlopsPerS">min(peak, intensity × bandwidth) (with calibrated efficiencies when used).</param>
/// <param name="TimeS">max(FLOPs / peak, bytes / bandwidth) (+ calibrated overhead), seconds.</param>
/// <param name="Bound">What limits the node.</param>
public sealed record NodeEstimate(string Name, Precision Precision, double Flops, double Bytes, double? Intensity, double AttainableFlopsPerS, double TimeS, Bound Bound)
{
    /// <summary>ONNX op type.</summary>
    public string OpType { get; init; } = "";
    /// <summary>Op class (selects tensor vs vector peak).</summary>
    public OpClass OpClass { get; init; }
    /// <summary>The peak FLOP/s the node is held to (after efficiency).</summary>
    public double PeakFlopsPerS { get; init; }
    /// <summary>The precision whose peak was used (differs from <see cref="Precision"/> after a fallback).</summary>
    public Precision PeakPrecision { get; init; }
    /// <summary>Tensor or vector units.</summary>
    public PeakPath PeakPath { get; init; }
    /// <summary>Weight bytes among <see cref="Bytes"/>.</summary>
    public double WeightBytes { get; init; }
    /// <summary>Fallback or derivation note; null when none.</summary>
    public string? Note { get; init; }
}

/// <summary>Weights + peak activations against the chip's memory.</summary>
/// <param name="WeightBytes">Weight bytes at the estimate's precision.</param>
/// <param name="ActivationBytes">Peak activation bytes at the estimate's batch and precision.</param>
/// <param name="TotalBytes">Weights + peak activations.</param>
/// <param name="MemoryBytes">Chip memory in bytes; null when the catalog gives none.</param>
/// <param name="Fits">TotalBytes ≤ MemoryBytes; null when the memory size is unknown.</param>
/// <param name="MaxBatch">Largest batch whose weights + activations fit (activations linear in batch); 0 when the weights alone do
/// not fit; null when the memory size is unknown or activations are zero.</param>
public sealed record MemoryFit(double WeightBytes, double ActivationBytes, double TotalBytes, double? MemoryBytes, bool? Fits, long? MaxBatch);

/// <summary>A roofline estimate of one model on one chip at one precision and batch. Times in seconds.</summary>
/// <param name="Hardware">Hardware id.</param>
/// <param name="Precision">What-if plan name, or <c>model</c> for the model's own dtypes.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="LatencyS">Time of one forward pass of the whole batch (sum of node times), seconds.</param>
/// <param name="ThroughputPerS">Inferences per second = batch / latency.</param>
/// <param name="MemoryBoundFraction">Share of the latency spent in memory-bound nodes (0..1).</param>
/// <param name="FitsInMemory">Whether weights + peak activations fit the chip's memory; null when unknown.</param>
/// <param name="Nodes">Per-node estimates in input order.</param>
public sealed record Estimate(string Hardware, string Precision, int Batch, double LatencyS, double ThroughputPerS, double MemoryBoundFraction, bool? FitsInMemory, IReadOnlyList<NodeEstimate> Nodes)
{
    /// <summary>Total FLOPs at this batch.</summary>
    public double TotalFlops { get; init; }
    /// <summary>Total bytes moved at this batch and precision.</summary>
    public double TotalBytes { get; init; }
    /// <summary>Reference peak FLOP/s: the peak applied to the FLOPs-heaviest (precision, units) group of nodes.</summary>
    public double PeakFlopsPerS { get; init; }
    /// <summary>Share of the reference peak achieved = total FLOPs / latency / <see cref="PeakFlopsPerS"/>.</summary>
    public double ShareOfPeak { get; init; }
    /// <summary>Memory fit detail.</summary>
    public required MemoryFit Memory { get; init; }
    /// <summary>Whether calibration factors from the hardware entry were applied.</summary>
    public bool Calibrated { get; init; }
    /// <summary>The engine of <see cref="BoundLatencyS"/> and <see cref="PredictedLatencyS"/> (given with <c>--engine</c>, else the
    /// default engine for the chip's kind); null when no forecast was made.</summary>
    public string? Engine { get; init; }
    /// <summary>True when <see cref="Engine"/> was not given but assumed (the default for the chip's kind).</summary>
    public bool EngineAssumed { get; init; }
    /// <summary>The fused roofline of the engine's kernels at datasheet peaks: a lower bound on the time of one run, seconds.</summary>
    public double? BoundLatencyS { get; init; }
    /// <summary>What the engine is predicted to measure for one run of the batch, seconds.</summary>
    public double? PredictedLatencyS { get; init; }
    /// <summary>The node-by-node roofline of the exporter's graph (no fusion), seconds: <see cref="LatencyS"/> without an engine.</summary>
    public double? NodeRooflineLatencyS { get; init; }
    /// <summary>The engine's kernels priced on the chip; null when no forecast was made.</summary>
    public Forecast? Forecast { get; init; }
    /// <summary>Host↔device copies of one batch's inputs and outputs in seconds (<see cref="TransferModel"/>); null unless asked
    /// for (<c>--transfer</c>) or when the chip's host link is unknown. Not included in <see cref="Estimate.LatencyS"/>.</summary>
    public double? TransferS { get; init; }
    /// <summary>One-off copy of the weights to the device in seconds (<see cref="TransferModel"/>); null as for <see cref="TransferS"/>.</summary>
    public double? WeightLoadS { get; init; }
    /// <summary>Power the energy is charged at in W (the chip's TDP, or a configured power limit); null when unknown.</summary>
    public double? PowerW { get; init; }
    /// <summary>Upper bound of the energy of one batch in joules = latency × power (<see cref="EnergyModel"/>); null without a power figure.</summary>
    public double? EnergyJ { get; init; }
    /// <summary>Upper bound of the energy per inference in joules = <see cref="EnergyJ"/> / batch.</summary>
    public double? EnergyPerInferenceJ { get; init; }
    /// <summary>Lower bound of inferences per joule = batch / <see cref="EnergyJ"/>.</summary>
    public double? InferencesPerJoule { get; init; }
    /// <summary>Distinct notes (fallbacks, scaling) for the whole estimate.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

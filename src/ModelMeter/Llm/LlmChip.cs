using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>
/// What the LLM estimate needs to know about one chip (filled from the hardware catalog by the caller):
/// tensor peaks per precision, vector peak, memory, and the link used for tensor-parallel collectives.
/// </summary>
public sealed record LlmChip
{
    /// <summary>Chip name.</summary>
    public required string Name { get; init; }
    /// <summary>Dense matrix-unit peak in operations per second, per precision.</summary>
    public required IReadOnlyDictionary<Precision, double> TensorPeak { get; init; }
    /// <summary>Vector-unit peak (FLOP/s) for elementwise, normalisation and data-movement rows.</summary>
    public required double VectorPeak { get; init; }
    /// <summary>Memory bandwidth in bytes per second.</summary>
    public required double MemoryBandwidth { get; init; }
    /// <summary>Memory capacity in bytes.</summary>
    public required long MemoryBytes { get; init; }
    /// <summary>Per-direction bandwidth of the link used for all-reduces, bytes per second.</summary>
    public double LinkBandwidth { get; init; }
    /// <summary>True when the link is NVLink (or another scale-up fabric); false for PCIe.</summary>
    public bool NvLink { get; init; }
    /// <summary>Fixed latency of one collective in seconds (default: 10 µs over NVLink, 25 µs over PCIe).</summary>
    public double? CollectiveLatency { get; init; }

    /// <summary>The collective latency floor in effect.</summary>
    public double CollectiveLatencyS => CollectiveLatency ?? (NvLink ? 10e-6 : 25e-6);

    /// <summary>Peak used for a row: the tensor peak of its precision for matrix rows (fp16 when absent), else the vector peak.</summary>
    public double PeakFor(NodeCost row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Class is not (OpClass.Gemm or OpClass.Conv)) return VectorPeak;
        return TensorPeak.TryGetValue(row.Precision, out var p) ? p
            : TensorPeak.TryGetValue(Precision.Fp16, out var h) ? h : VectorPeak;
    }

    /// <summary>Ring all-reduce time of <paramref name="bytes"/> over <paramref name="chips"/> chips: latency + 2(N−1)/N · bytes / link.</summary>
    public double AllReduceSeconds(long bytes, int chips)
    {
        if (chips <= 1) return 0;
        if (LinkBandwidth <= 0) throw ModelMeterException.Usage($"{Name}: no interconnect bandwidth for tensor parallelism");
        return CollectiveLatencyS + 2.0 * (chips - 1) / chips * bytes / LinkBandwidth;
    }
}

namespace ModelMeter.Costs;

/// <summary>Whole-model totals.</summary>
public sealed record ModelTotals
{
    /// <summary>Parameters (each distinct tensor once).</summary>
    public long Params { get; init; }
    /// <summary>Buffers (BatchNormalization running statistics).</summary>
    public long Buffers { get; init; }
    /// <summary>Multiply-accumulates.</summary>
    public long Macs { get; init; }
    /// <summary>Floating-point operations.</summary>
    public long Flops { get; init; }
    /// <summary>Bytes read, summed over nodes.</summary>
    public long BytesRead { get; init; }
    /// <summary>Bytes written, summed over nodes.</summary>
    public long BytesWritten { get; init; }
    /// <summary>Bytes read + written (held at <see cref="long.MaxValue"/> rather than wrapped).</summary>
    public long MemoryAccessBytes => BytesRead > long.MaxValue - BytesWritten ? long.MaxValue : BytesRead + BytesWritten;
    /// <summary>Bytes of the distinct parameter and buffer tensors.</summary>
    public long WeightBytes { get; init; }
    /// <summary>Peak bytes of live activations (graph inputs and node outputs) over the topological order.</summary>
    public long PeakActivationBytes { get; init; }
    /// <summary>The totals as formulas of the free symbolic dims (issue 12); null where not computed (LLM profiles).</summary>
    public ModelFormulas? Formulas { get; init; }
    /// <summary>Number of nodes (top level).</summary>
    public int Nodes { get; init; }
    /// <summary>Nodes whose op type no rule knows.</summary>
    public int UnknownNodes { get; init; }
    /// <summary>Distinct unknown op types.</summary>
    public IReadOnlyList<string> UnknownOpTypes { get; init; } = [];
}

namespace ModelMeter.Costs;

/// <summary>
/// The analysis of one model: per-node costs in topological order, totals, a by-op-type rollup and diagnostics.
/// Every stage after the costs stage (roofline, measurement joins, reports) reads only this.
/// </summary>
public sealed record ModelProfile
{
    /// <summary>Model identification.</summary>
    public required ModelInfo Model { get; init; }
    /// <summary>Graph inputs (non-initializer) with inferred types.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; init; } = [];
    /// <summary>Graph outputs with inferred types.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; init; } = [];
    /// <summary>Per-node costs, in topological order.</summary>
    public IReadOnlyList<NodeCost> Nodes { get; init; } = [];
    /// <summary>Totals.</summary>
    public required ModelTotals Totals { get; init; }
    /// <summary>Rollup by op type, in order of first appearance.</summary>
    public IReadOnlyList<OpTypeRollup> ByOpType { get; init; } = [];
    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>Symbolic dims and their values used for counting (user-set, or 1 when assumed).</summary>
    public IReadOnlyDictionary<string, long> DimsUsed { get; init; } = new Dictionary<string, long>();
    /// <summary>Dims given with <c>--dim</c> that the model has no dimension or trip count for (each also a warning diagnostic).</summary>
    public IReadOnlyList<string> UnusedDims { get; init; } = [];
}

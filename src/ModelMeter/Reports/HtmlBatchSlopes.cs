namespace ModelMeter.Reports;

/// <summary>How node costs and totals change per unit of batch when the batch symbol is re-bound: the difference between the
/// analysis at the counted batch + 1 and at the counted batch (node costs are linear in the batch; checked at a third batch).</summary>
public sealed record HtmlBatchSlopes
{
    /// <summary>Per node, in <see cref="HtmlReportData.Nodes"/> order: MACs per unit of batch.</summary>
    public IReadOnlyList<long> Macs { get; init; } = [];

    /// <summary>Per node: FLOPs per unit of batch.</summary>
    public IReadOnlyList<long> Flops { get; init; } = [];

    /// <summary>Per node: bytes read per unit of batch.</summary>
    public IReadOnlyList<long> BytesRead { get; init; } = [];

    /// <summary>Per node: bytes written per unit of batch.</summary>
    public IReadOnlyList<long> BytesWritten { get; init; } = [];

    /// <summary>Per node: weight bytes per unit of batch (0 unless a weight's size depends on the batch).</summary>
    public IReadOnlyList<long> WeightBytes { get; init; } = [];

    /// <summary>Per node: index/boolean tensor bytes per unit of batch.</summary>
    public IReadOnlyList<long> IndexBytes { get; init; } = [];

    /// <summary>Per node: index/boolean constant bytes per unit of batch.</summary>
    public IReadOnlyList<long> IndexWeightBytes { get; init; } = [];

    /// <summary>Model totals per unit of batch.</summary>
    public required HtmlTotals Totals { get; init; }

    /// <summary>Nodes whose costs are not linear in the batch (their page figures are exact only at the counted batch and the next).</summary>
    public int NonLinearNodes { get; init; }
}

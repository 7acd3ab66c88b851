namespace ModelMeter.Reports;

/// <summary>Roofline data of one chip: its ceilings and every node's point.</summary>
/// <param name="Id">Catalog id (e.g. <c>t4</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Peaks">Peak operations per second by precision name (fp32, fp16, int8, ...).</param>
/// <param name="BandwidthBytesPerS">Memory bandwidth in bytes per second.</param>
/// <param name="Nodes">One point per node, in the same order as <see cref="HtmlReportData.Nodes"/>.</param>
public sealed record HtmlChip(string Id, string Name, IReadOnlyDictionary<string, double> Peaks, double BandwidthBytesPerS, IReadOnlyList<HtmlChipNode> Nodes)
{
    /// <summary>Sum of the predicted node times in seconds.</summary>
    public double TotalTimeS => Nodes.Sum(n => n.TimeS);

    /// <summary>The engine this estimate's kernels come from (<c>tensorrt</c>, …); null = plain per-node roofline.</summary>
    public string? Engine { get; init; }

    /// <summary>Fused kernels (groups of nodes) of <see cref="Engine"/>; null = one kernel per node.</summary>
    public IReadOnlyList<HtmlKernel>? Kernels { get; init; }
}

namespace ModelMeter.Reports;

/// <summary>Roofline data of one chip: its ceilings and every node's point.</summary>
/// <param name="Id">Catalog id (e.g. <c>t4</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Peaks">Peak operations per second by precision name (fp32, fp16, int8, ...).</param>
/// <param name="BandwidthBytesPerS">Memory bandwidth in bytes per second.</param>
/// <param name="Nodes">One point per node, in the same order as <see cref="HtmlReportData.Nodes"/>.</param>
public sealed record HtmlChip(string Id, string Name, IReadOnlyDictionary<string, double> Peaks, double BandwidthBytesPerS, IReadOnlyList<HtmlChipNode> Nodes)
{
    /// <summary>Sum of the node-by-node roofline times in seconds.</summary>
    public double TotalTimeS => Nodes.Sum(n => n.TimeS);
    /// <summary>The engine of <see cref="Kernels"/> (null when no forecast was made).</summary>
    public string? Engine { get; init; }
    /// <summary>True when the engine was assumed (the chip kind's default).</summary>
    public bool EngineAssumed { get; init; }
    /// <summary>Fused roofline of the engine's kernels: a lower bound, seconds.</summary>
    public double? BoundS { get; init; }
    /// <summary>The engine's predicted time, seconds.</summary>
    public double? PredictedS { get; init; }
    /// <summary>The engine's kernels (empty when no forecast was made).</summary>
    public IReadOnlyList<HtmlKernel> Kernels { get; init; } = [];
}

namespace ModelMeter.Reports;

/// <summary>One selectable chip of the page's what-if: ceilings to draw and the peaks that apply to every node of the model.</summary>
public sealed record HtmlWhatIfChip
{
    /// <summary>Catalog id (e.g. <c>l4</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double BandwidthBytesPerS { get; init; }

    /// <summary>Memory size in bytes; null when the catalog gives none.</summary>
    public double? MemoryBytes { get; init; }

    /// <summary>Catalogued peak operations per second by precision name (the roofline's ceilings).</summary>
    public IReadOnlyDictionary<string, double> Peaks { get; init; } = new Dictionary<string, double>();

    /// <summary>Applied peak by <c>precision:path</c> (e.g. <c>fp16:tensor</c>) for every pair the model and the plans can ask for.</summary>
    public IReadOnlyDictionary<string, HtmlPeakRate> Rates { get; init; } = new Dictionary<string, HtmlPeakRate>();

    /// <summary>Calibrated factors by op class name: [compute efficiency, bandwidth efficiency, overhead in seconds]; null = none.</summary>
    public IReadOnlyDictionary<string, double[]>? Factors { get; init; }
}

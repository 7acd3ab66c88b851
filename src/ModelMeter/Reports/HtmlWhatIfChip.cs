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

    /// <summary>Processor kind, lower case (<c>gpu</c>, <c>cpu</c>).</summary>
    public string Kind { get; init; } = "";

    /// <summary>Vendor as catalogued.</summary>
    public string Vendor { get; init; } = "";

    /// <summary>Architecture id of <see cref="HtmlWhatIf.Architectures"/> (<c>unknown</c>: the fallback factors).</summary>
    public string Architecture { get; init; } = "";

    /// <summary>Sustained / boost clock under a full tensor load (1 = holds its boost clock).</summary>
    public double SustainedClock { get; init; } = 1;

    /// <summary>On-chip (L2) capacity in bytes; 0 = unknown.</summary>
    public double OnChipBytes { get; init; }

    /// <summary>Streaming multiprocessors (compute units), for GEMM wave quantisation; null = unknown.</summary>
    public int? SmCount { get; init; }

    /// <summary>PCIe bandwidth in GB/s (both directions); null = unknown.</summary>
    public double? PcieGbps { get; init; }

    /// <summary>FP16 tensor peak with FP16 accumulation, FLOP/s, where the catalog gives one.</summary>
    public double? Fp16AccumulateFlopsPerS { get; init; }

    /// <summary>The engine assumed when none is given, or when the chosen one does not run on this chip.</summary>
    public string DefaultEngine { get; init; } = "";

    /// <summary>Ids of the engines that run on this chip.</summary>
    public IReadOnlyList<string> Engines { get; init; } = [];

    /// <summary>Calibrated factors by op class name: [compute efficiency, bandwidth efficiency, overhead in seconds]; null = none.</summary>
    public IReadOnlyDictionary<string, double[]>? Factors { get; init; }
}

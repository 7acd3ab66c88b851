namespace ModelMeter.Reports;

/// <summary>A chip generation's achievable fractions of peak (<c>ArchitectureFactors</c>) as the page's forecast applies them.</summary>
public sealed record HtmlArchitecture
{
    /// <summary>Architecture id (<c>ampere</c>; <c>unknown</c> for the fallback).</summary>
    public required string Id { get; init; }
    /// <summary>Achieved / datasheet GEMM peak by precision name, for every precision (<c>ArchitectureFactors.GemmFor</c>).</summary>
    public IReadOnlyDictionary<string, double> Gemm { get; init; } = new Dictionary<string, double>();
    /// <summary>Achieved / datasheet vector peak.</summary>
    public double Vector { get; init; }
    /// <summary>Achieved / datasheet DRAM bandwidth.</summary>
    public double Bandwidth { get; init; }
    /// <summary>Achieved / datasheet tensor peak of fused attention.</summary>
    public double Attention { get; init; }
    /// <summary>On-chip (L2) bandwidth as a multiple of the DRAM bandwidth; 0 = not modelled.</summary>
    public double L2BandwidthRatio { get; init; }
}

namespace ModelMeter.Reports;

/// <summary>What a report column holds; selects how its values are scaled and printed.</summary>
public enum UnitKind
{
    /// <summary>A plain count (parameters, MACs, nodes): SI prefixes K, M, G, T (powers of 1000).</summary>
    Count,
    /// <summary>Bytes: SI prefixes kB, MB, GB, TB (powers of 1000, like bandwidth figures in GB/s).</summary>
    Bytes,
    /// <summary>Floating-point operations: SI prefixes K, M, G, T.</summary>
    Flops,
    /// <summary>Seconds: printed in ns, µs, ms or s.</summary>
    Seconds,
    /// <summary>A dimensionless ratio or percentage: printed as is.</summary>
    Ratio,
    /// <summary>Text: printed as is (model-provided strings are escaped by each exporter).</summary>
    Text,
}

namespace ModelMeter.Engines;

/// <summary>Chip-specific corrections beyond its architecture's factors (power-limited parts that cannot hold their boost clock).</summary>
public sealed record ChipFactors
{
    /// <summary>Hardware id.</summary>
    public required string Id { get; init; }
    /// <summary>Sustained / boost clock under a full tensor load at the board's power limit (1 = holds its boost clock).</summary>
    public double SustainedClock { get; init; } = 1;
    /// <summary>Source of each figure, keyed by field.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();
}

namespace ModelMeter.Reports;

/// <summary>The page's sweep section (<c>report --sweep NAME=…</c>): the model's totals and estimated latencies against the values of
/// one symbolic dim, column by column (one entry per value; null where the value failed).</summary>
public sealed record HtmlSweep
{
    /// <summary>The swept dim's name.</summary>
    public required string Dim { get; init; }
    /// <summary>The values, in the order given.</summary>
    public IReadOnlyList<long> Values { get; init; } = [];
    /// <summary>Parameters per value.</summary>
    public IReadOnlyList<long?> Params { get; init; } = [];
    /// <summary>MACs per value.</summary>
    public IReadOnlyList<long?> Macs { get; init; } = [];
    /// <summary>FLOPs per value.</summary>
    public IReadOnlyList<long?> Flops { get; init; } = [];
    /// <summary>Memory access bytes per value.</summary>
    public IReadOnlyList<long?> MemoryAccessBytes { get; init; } = [];
    /// <summary>Peak activation bytes per value.</summary>
    public IReadOnlyList<long?> PeakActivationBytes { get; init; } = [];
    /// <summary>Estimated latency in seconds per value, by chip id (in <c>--hw</c> order).</summary>
    public IReadOnlyList<HtmlSweepChip> Chips { get; init; } = [];
    /// <summary>The error of each value ("" when it was analysed).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The section of <paramref name="sweep"/>.</summary>
    public static HtmlSweep From(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var p = sweep.Points;
        return new HtmlSweep
        {
            Dim = sweep.Dim,
            Values = [.. p.Select(x => x.Value)],
            Params = [.. p.Select(x => x.Profile?.Totals.Params)],
            Macs = [.. p.Select(x => x.Profile?.Totals.Macs)],
            Flops = [.. p.Select(x => x.Profile?.Totals.Flops)],
            MemoryAccessBytes = [.. p.Select(x => x.Profile?.Totals.MemoryAccessBytes)],
            PeakActivationBytes = [.. p.Select(x => x.Profile?.Totals.PeakActivationBytes)],
            Chips = [.. sweep.Chips.Select(c => new HtmlSweepChip(c, sweep.LatencyMeaning(c), [.. p.Select(x => x.LatencyOn(c))]))],
            Errors = [.. p.Select(x => x.Error?.Message ?? "")],
        };
    }
}

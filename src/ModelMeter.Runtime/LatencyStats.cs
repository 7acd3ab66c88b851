namespace ModelMeter.Runtime;

/// <summary>Summary statistics of a set of run times, in seconds.</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="P50">Median (linear interpolation between order statistics).</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Min">Fastest sample.</param>
/// <param name="Max">Slowest sample.</param>
public sealed record LatencyStats([property: System.Text.Json.Serialization.JsonIgnore] int Count, double Mean, double P50, double P90, double P99, double Min, double Max)
{
    /// <summary>Runs per second at the mean latency (one inference at a time).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Throughput => Mean > 0 ? 1 / Mean : 0;

    /// <summary>Computes the statistics of <paramref name="seconds"/> (at least one sample).</summary>
    public static LatencyStats From(IReadOnlyList<double> seconds)
    {
        if (seconds.Count == 0) throw new ArgumentException("no samples", nameof(seconds));
        var s = seconds.OrderBy(x => x).ToArray();
        return new LatencyStats(s.Length, s.Average(), Percentile(s, 0.50), Percentile(s, 0.90), Percentile(s, 0.99), s[0], s[^1]);
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted samples with linear interpolation (the "type 7" definition of R and NumPy).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("no samples", nameof(sorted));
        if (q is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q));
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

namespace ModelMeter.Runtime;

/// <summary>Progress of a benchmark: <paramref name="Phase"/> is "warmup" and "timed" (the unprofiled runs that give the latency), then
/// "profiled-warmup" and "profiled" (the separate profiled runs that give per-node times).</summary>
/// <param name="Phase">"warmup", "timed", "profiled-warmup" or "profiled".</param>
/// <param name="Done">Runs finished in this phase.</param>
/// <param name="Total">Runs in this phase.</param>
public readonly record struct BenchProgress(string Phase, int Done, int Total)
{
    /// <summary>The share of the whole benchmark of <paramref name="options"/> done (0–1).</summary>
    public double Fraction(BenchOptions options)
    {
        int pw = Bencher.ProfiledWarmup(options), pr = Bencher.ProfiledRuns(options);
        int total = options.Warmup + options.Runs + pw + pr;
        int before = Phase switch { "timed" => options.Warmup, "profiled-warmup" => options.Warmup + options.Runs, "profiled" => options.Warmup + options.Runs + pw, _ => 0 };
        return total > 0 ? Math.Min(1, (before + Done) / (double)total) : 1;
    }
}

namespace ModelMeter.Runtime;

/// <summary>Progress of a benchmark: <paramref name="Phase"/> is "warmup" or "timed".</summary>
/// <param name="Phase">"warmup" or "timed".</param>
/// <param name="Done">Runs finished in this phase.</param>
/// <param name="Total">Runs in this phase.</param>
public readonly record struct BenchProgress(string Phase, int Done, int Total);

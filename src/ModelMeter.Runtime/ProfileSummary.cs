namespace ModelMeter.Runtime;

/// <summary>Per-node times of the timed runs of a profile (warm-up runs dropped).</summary>
/// <param name="Runs">Number of runs averaged.</param>
/// <param name="MeanRunSeconds">Mean duration of the <c>model_run</c> events of those runs.</param>
/// <param name="Nodes">Per-node mean times, in order of first execution.</param>
public sealed record ProfileSummary(int Runs, double MeanRunSeconds, IReadOnlyList<NodeTiming> Nodes)
{
    /// <summary>Sum of the per-node mean times.</summary>
    public double NodeSeconds => Nodes.Sum(n => n.Seconds);

    /// <summary>Sum of the per-node kernel times (without dispatch gaps).</summary>
    public double KernelSeconds => Nodes.Sum(n => n.KernelSeconds);

    /// <summary>The factor every time of this summary was multiplied by (<see cref="Scaled"/>); 1 = as profiled.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>This summary with every time (run and nodes) multiplied by <paramref name="factor"/>: profiled runs rescaled to the
    /// wall-clock time of unprofiled runs (<see cref="TimeScale"/> records the factor).</summary>
    public ProfileSummary Scaled(double factor) => !(factor > 0) || !double.IsFinite(factor) ? this
        : new ProfileSummary(Runs, MeanRunSeconds * factor, [.. Nodes.Select(n => n with { Seconds = n.Seconds * factor, KernelSeconds = n.KernelSeconds * factor })])
        { TimeScale = TimeScale * factor };
}

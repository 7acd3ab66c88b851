namespace ModelMeter.Roofline;

/// <summary>An engine-aware forecast of one model on one chip: the fused bound and the prediction. Times in seconds.</summary>
/// <param name="Engine">Engine id.</param>
/// <param name="BoundLatencyS">Σ kernels max(FLOPs / datasheet peak, bytes / datasheet bandwidth): a true lower bound.</param>
/// <param name="PredictedLatencyS">What the engine is predicted to measure for one run of the batch.</param>
/// <param name="Kernels">The kernels in execution order.</param>
public sealed record Forecast(string Engine, double BoundLatencyS, double PredictedLatencyS, IReadOnlyList<KernelEstimate> Kernels)
{
    /// <summary>Σ device time of the kernels (predicted, including launch gaps).</summary>
    public double DeviceS { get; init; }
    /// <summary>Σ host dispatch time (the run takes at least this).</summary>
    public double HostS { get; init; }
    /// <summary>Host↔device copies of inputs and outputs per run (0 unless the engine makes them).</summary>
    public double TransferS { get; init; }
    /// <summary>Fixed per-run overhead.</summary>
    public double PerRunS { get; init; }
    /// <summary>Nodes that run no kernel.</summary>
    public int FoldedNodes { get; init; }
    /// <summary>The factors applied, as name → value text (for reports and <c>engine show</c>).</summary>
    public IReadOnlyDictionary<string, string> Factors { get; init; } = new Dictionary<string, string>();
    /// <summary>Notes (default engine assumed, engine/chip mismatch, fallbacks).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

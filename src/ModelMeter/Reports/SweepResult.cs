namespace ModelMeter.Reports;

/// <summary>A <c>--sweep NAME=v1,v2,…</c>: the model's cost (and estimated latency) at each value of one symbolic dim.</summary>
/// <param name="Spec">The model argument (path or zoo:NAME).</param>
/// <param name="Dim">The swept dim's name.</param>
/// <param name="Points">One point per value, in the order given.</param>
public sealed record SweepResult(string Spec, string Dim, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The chips estimated (ids, in <c>--hw</c> order): every point's <see cref="SweepPoint.Estimates"/> follows it.</summary>
    public IReadOnlyList<string> Chips => Points.FirstOrDefault(p => p.Estimates.Count > 0)?.Estimates.Select(e => e.Hardware).ToList() ?? [];

    /// <summary>What the latency of <paramref name="chip"/> means in this sweep: the engine's prediction, or the node-by-node roofline.</summary>
    public string LatencyMeaning(string chip)
    {
        var e = Points.SelectMany(p => p.Estimates).FirstOrDefault(x => x.Hardware == chip);
        if (e is null) return "";
        var precision = e.Precision == "model" ? "the model's own precision" : "precision " + e.Precision;
        var batch = Points.SelectMany(p => p.Estimates).Select(x => x.Batch).Distinct().Count() > 1 ? $"batch = {Dim}" : $"batch {e.Batch}";
        return e.Engine is { } engine && !e.EngineAssumed
            ? $"predicted latency under {engine} at {batch}, {precision}"
            : $"node-by-node roofline latency at {batch}, {precision}";
    }
}

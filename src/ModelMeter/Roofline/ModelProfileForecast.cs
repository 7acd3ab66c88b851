using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Joins the plain roofline estimate of a profile with an engine's forecast (fusion pass → bound and prediction).</summary>
public static class ModelProfileForecast
{
    /// <summary>The engine that runs on <paramref name="hw"/>: <paramref name="requested"/> when it runs on that kind of chip, else
    /// the kind's default; <paramref name="note"/> says which and why.</summary>
    public static EngineSpec Resolve(HardwareSpec hw, EngineSpec? requested, EngineCatalog catalog, out string note)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Choose(hw, requested, llm: false, out note);
    }

    /// <summary>Adds the forecast of <paramref name="profile"/> under <paramref name="engine"/> (null = the chip's default) to
    /// <paramref name="estimate"/>, its plain roofline: with an engine given, <see cref="Estimate.LatencyS"/> becomes the
    /// prediction; without one it stays the node-by-node roofline and the bound and prediction of the default engine are added.</summary>
    public static Estimate WithForecast(this Estimate estimate, ModelProfile profile, HardwareSpec hw, EngineSpec? engine,
        EstimateOptions options, int countedAtBatch = 1, EngineCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(profile);
        catalog ??= EngineCatalog.Default;
        var used = Resolve(hw, engine, catalog, out var note);
        var plan = FusionPass.Run(profile, used.Fusion, used.Id, countedAtBatch);
        var f = Forecaster.Run(plan, hw, used, options, catalog);
        bool given = engine is not null && used.Id == engine.Id;
        var latency = given ? f.PredictedLatencyS : estimate.LatencyS;
        var notes = estimate.Notes.ToList();
        if (note.Length > 0) notes.Add(note);
        notes.AddRange(f.Notes.Where(n => !notes.Contains(n)));
        return estimate with
        {
            Engine = used.Id, EngineAssumed = !given, BoundLatencyS = f.BoundLatencyS, PredictedLatencyS = f.PredictedLatencyS,
            NodeRooflineLatencyS = estimate.LatencyS, Forecast = f,
            LatencyS = latency, ThroughputPerS = latency > 0 ? estimate.Batch / latency : 0, Notes = notes,
        };
    }
}

using ModelMeter.Cli.Commands;
using ModelMeter.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Hardware;
using ModelMeter.Roofline;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Internals;

/// <summary>
/// <c>--sweep NAME=v1,v2,…</c> or <c>NAME=start:stop:step</c> (stop included): one analysis per value of the symbolic
/// dim NAME, reported as one row per value (<see cref="SweepTable"/>; JSON: the several-models document, each with its
/// <c>sweep</c> value), with <c>--hw</c> the estimated latency per chip, with <c>--plot</c> a chart against the value.
/// </summary>
internal static class SweepOption
{
    /// <summary>Most values one sweep runs.</summary>
    public const int MaxValues = 1000;

    /// <summary>Parses the option value into the symbol name and its values; a malformed value is a usage error.</summary>
    public static (string Name, long[] Values) Parse(string raw)
    {
        var eq = raw.LastIndexOf('='); // values never hold '=', a dim name may
        if (eq <= 0 || eq == raw.Length - 1) throw ModelMeterException.Usage($"--sweep '{raw}': expected NAME=v1,v2,… or NAME=start:stop:step, e.g. --sweep W=320:1280:320");
        var name = raw[..eq].Trim();
        var rest = raw[(eq + 1)..].Trim();
        var values = new List<long>();
        if (rest.Contains(':', StringComparison.Ordinal))
        {
            var parts = rest.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 3) throw ModelMeterException.Usage($"--sweep '{raw}': a range is start:stop[:step]");
            long start = Number(parts[0], raw), stop = Number(parts[1], raw), step = parts.Length == 3 ? Number(parts[2], raw) : 1;
            if (step <= 0 || stop < start) throw ModelMeterException.Usage($"--sweep '{raw}': need start ≤ stop and a positive step");
            for (long v = start; v <= stop; v += step)
            {
                values.Add(v);
                if (values.Count > MaxValues) throw ModelMeterException.Usage($"--sweep '{raw}': more than {MaxValues} values");
            }
        }
        else values.AddRange(rest.Split(',', StringSplitOptions.TrimEntries).Select(p => Number(p, raw)));
        if (values.Count > MaxValues) throw ModelMeterException.Usage($"--sweep '{raw}': more than {MaxValues} values");
        return (name, values.Distinct().ToArray());
    }

    private static long Number(string s, string raw) =>
        long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v : throw ModelMeterException.Usage($"--sweep '{raw}': '{s}' is not a non-negative integer");

    /// <summary>One point per value: the model analysed with <c>NAME=value</c> added to <paramref name="options"/>' dims, and estimated
    /// by <paramref name="estimate"/> when given (the profile and one estimate per chip); <paramref name="loaded"/> is the model when the
    /// caller has read it already (its warnings printed).</summary>
    public static SweepResult Run(CliContext context, string spec, ShapeOptions options, string name, long[] values,
        Func<Model, ShapeOptions, (ModelProfile Profile, IReadOnlyList<Estimate> Estimates)>? estimate = null, Model? loaded = null)
    {
        var model = loaded ?? context.Loader(spec);
        if (loaded is null)
            foreach (var w in model.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {spec}: {DisplayText.Visible(w)}");
        var points = new List<SweepPoint>(values.Length);
        foreach (var v in values)
        {
            var dims = new Dictionary<string, long>(options.Dims ?? new Dictionary<string, long>(), StringComparer.Ordinal) { [name] = v };
            var at = options with { Dims = dims };
            try
            {
                if (estimate is null) points.Add(new SweepPoint(v, AnalyzeCommand.Analyze(context, spec, at, model), null));
                else
                {
                    var (profile, estimates) = estimate(model, at);
                    points.Add(new SweepPoint(v, profile, null) { Estimates = estimates });
                }
            }
            catch (ModelMeterException e) when (e.Kind != ErrorKind.Usage) { points.Add(new SweepPoint(v, null, e)); }
        }
        // the cost stage only warns about a --dim the model does not have; for the swept dim that is a usage error
        if (points.FirstOrDefault(p => p.Profile is not null)?.Profile is { } first && first.UnusedDims.Contains(name))
            throw ModelMeterException.Usage($"--sweep {name}=…: {spec} has no symbolic dim or trip count named '{name}'"
                + (first.DimsUsed.Count > 0 ? $" (its symbolic dims: {string.Join(", ", first.DimsUsed.Keys.Where(k => k != name).Order(StringComparer.Ordinal))})" : ""));
        return new SweepResult(spec, name, points);
    }

    /// <summary>Estimates one sweep value (the model with the swept dim bound) on every chip at one batch size: the profile and one
    /// estimate per chip, as <c>analyze --hw</c> computes them. Several batch sizes, or <c>--batch</c> with a sweep of the batch dim
    /// itself, are usage errors.</summary>
    public static Func<Model, ShapeOptions, (ModelProfile Profile, IReadOnlyList<Estimate> Estimates)> Estimator(CliContext context, string spec, string name,
        IReadOnlyList<HardwareSpec> chips, PrecisionPlan? plan, IReadOnlyList<int> batches, EstimateExtras extras, Engines.EngineSpec? engine)
    {
        if (batches.Count > 1) throw ModelMeterException.Usage("--sweep with --hw estimates one batch size: give one --batch value (or sweep the batch dim itself)");
        return (model, o) =>
        {
            var run = AnalyzeEstimates.Compute(model, o, chips, plan, batches, x => AnalyzeCommand.Analyze(context, spec, x, model), extras, engine);
            if (batches.Count > 0 && run.BatchSymbol == name)
                throw ModelMeterException.Usage($"--sweep {name}=… sweeps the batch dim: drop --batch");
            return (run.Profile, run.Estimates);
        };
    }

    /// <summary>The exit code of a sweep: the worst of its failed values (0 when none failed).</summary>
    public static int ExitCode(SweepResult sweep) => sweep.Points.Where(p => p.Error is not null).Select(p => (int)p.Error!.Kind).DefaultIfEmpty(0).Max();
}

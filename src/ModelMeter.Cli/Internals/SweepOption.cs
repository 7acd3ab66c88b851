using ModelMeter.Cli.Commands;
using ModelMeter.Reports;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Internals;

/// <summary>
/// <c>--sweep NAME=v1,v2,…</c> or <c>NAME=start:stop:step</c> (stop included): one analysis per value of the symbolic
/// dim NAME, reported as one row per value (the several-models table and JSON document, the row named <c>NAME=v</c>).
/// </summary>
internal static class SweepOption
{
    /// <summary>Most values one sweep runs.</summary>
    public const int MaxValues = 1000;

    /// <summary>Parses the option value into the symbol name and its values; a malformed value is a usage error.</summary>
    public static (string Name, long[] Values) Parse(string raw)
    {
        var eq = raw.IndexOf('=', StringComparison.Ordinal);
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

    /// <summary>One outcome per value: the model analysed with <c>NAME=value</c> added to <paramref name="options"/>' dims.</summary>
    public static List<ModelOutcome> Run(CliContext context, string spec, ShapeOptions options, string name, long[] values)
    {
        var model = context.Loader(spec);
        foreach (var w in model.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {spec}: {DisplayText.Visible(w)}");
        var outcomes = new List<ModelOutcome>(values.Length);
        foreach (var v in values)
        {
            var dims = new Dictionary<string, long>(options.Dims ?? new Dictionary<string, long>(), StringComparer.Ordinal) { [name] = v };
            var label = $"{name}={v.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            try { outcomes.Add(new ModelOutcome(label, AnalyzeCommand.Analyze(context, spec, options with { Dims = dims }, model), null)); }
            catch (ModelMeterException e) { outcomes.Add(new ModelOutcome(label, null, e)); }
        }
        return outcomes;
    }
}

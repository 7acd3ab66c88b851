using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelMeter.Runtime;

/// <summary>
/// An ONNX Runtime profile (Chrome trace JSON). Parsed with System.Text.Json; when that fails (some ONNX Runtime versions
/// write node names without JSON escaping) each event line is scanned tolerantly instead.
/// </summary>
public sealed partial class ProfileTrace
{
    /// <summary>Creates a trace from events.</summary>
    public ProfileTrace(IReadOnlyList<ProfileEvent> events, bool tolerant)
    {
        Events = events;
        ParsedTolerantly = tolerant;
    }

    /// <summary>All complete events.</summary>
    public IReadOnlyList<ProfileEvent> Events { get; }

    /// <summary>True when strict JSON parsing failed and the line scanner was used.</summary>
    public bool ParsedTolerantly { get; }

    /// <summary>The <c>model_run</c> events (one per session run), in time order.</summary>
    public IReadOnlyList<ProfileEvent> Runs => Events.Where(e => e.Category == "Session" && e.Name == "model_run").OrderBy(e => e.TsUs).ToList();

    /// <summary>Reads a profile file.</summary>
    public static ProfileTrace Load(string path)
    {
        try { return Parse(File.ReadAllText(path)); }
        catch (IOException e) { throw new ModelMeterException(ErrorKind.Runtime, $"{path}: cannot read profile: {e.Message}", e); }
    }

    /// <summary>Parses profile text.</summary>
    public static ProfileTrace Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("traceEvents", out var te)) root = te;
            if (root.ValueKind != JsonValueKind.Array) throw new ModelMeterException(ErrorKind.Runtime, "profile is not a JSON array of events");
            var list = new List<ProfileEvent>();
            foreach (var e in root.EnumerateArray())
                if (FromJson(e) is { } ev) list.Add(ev);
            return new ProfileTrace(list, false);
        }
        catch (JsonException)
        {
            return new ProfileTrace(ScanLines(text), true);
        }
    }

    /// <summary>
    /// Per-node mean times over the runs after the first <paramref name="skipRuns"/> (warm-up). Kernel events are assigned to
    /// runs by the <c>model_run</c> windows; events outside every kept window are ignored. A kernel that lies inside another
    /// kernel's window (the body of an If/Loop/Scan) is left out: the control-flow node's time already holds it.
    /// </summary>
    /// <param name="skipRuns">Warm-up runs to drop.</param>
    /// <param name="fastestOnly">Keep only the fastest of the remaining runs (robust to contention from other processes).</param>
    public ProfileSummary Summarize(int skipRuns, bool fastestOnly = false)
    {
        var runs = Runs.Skip(Math.Max(0, skipRuns)).ToList();
        if (fastestOnly && runs.Count > 1) runs = [runs.MinBy(r => r.DurUs)!];
        if (runs.Count == 0) return new ProfileSummary(0, 0, []);
        var starts = runs.Select(r => r.TsUs).ToArray();
        var perRun = new List<ProfileEvent>[runs.Count];
        for (int r = 0; r < perRun.Length; r++) perRun[r] = [];
        foreach (var e in Events)
        {
            if (!e.IsKernel) continue;
            var i = Array.BinarySearch(starts, e.TsUs);
            if (i < 0) i = ~i - 1;
            if (i < 0 || e.TsUs > runs[i].TsUs + runs[i].DurUs) continue;
            perRun[i].Add(e);
        }
        var sums = new Dictionary<string, (NodeTiming Info, double Us, double KernelUs, int Order)>(StringComparer.Ordinal);
        for (int r = 0; r < perRun.Length; r++)
        {
            var prevEnd = runs[r].TsUs;
            double outerStart = double.NegativeInfinity, outerEnd = double.NegativeInfinity;
            foreach (var e in perRun[r].OrderBy(e => e.TsUs).ThenByDescending(e => e.DurUs))
            {
                // A kernel inside another's window is a subgraph node (If/Loop/Scan body): its time is already the outer node's.
                if (e.TsUs >= outerStart && e.TsUs < outerEnd && e.TsUs + e.DurUs <= outerEnd) continue;
                (outerStart, outerEnd) = (e.TsUs, e.TsUs + e.DurUs);
                // The node's slice of the run: its kernel plus the dispatch gap since the previous kernel ended.
                var end = e.TsUs + e.DurUs;
                var slice = Math.Max(e.DurUs, end - prevEnd);
                prevEnd = Math.Max(prevEnd, end);
                var name = e.NodeName;
                if (sums.TryGetValue(name, out var s)) sums[name] = (s.Info, s.Us + slice, s.KernelUs + e.DurUs, s.Order);
                else sums[name] = (new NodeTiming(name, e.OpName ?? "", e.Provider ?? "", 0, 0), slice, e.DurUs, sums.Count);
            }
        }
        var n = runs.Count;
        var nodes = sums.Values.OrderBy(v => v.Order)
            .Select(v => v.Info with { Seconds = v.Us * 1e-6 / n, KernelSeconds = v.KernelUs * 1e-6 / n }).ToList();
        return new ProfileSummary(n, runs.Average(r => r.DurUs) * 1e-6, nodes);
    }

    static ProfileEvent? FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        if (e.TryGetProperty("ph", out var ph) && ph.GetString() != "X") return null;
        string? opName = null, provider = null;
        if (e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            if (args.TryGetProperty("op_name", out var o) && o.ValueKind == JsonValueKind.String) opName = o.GetString();
            if (args.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.String) provider = p.GetString();
        }
        return new ProfileEvent(
            e.TryGetProperty("cat", out var c) ? c.GetString() ?? "" : "",
            e.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
            e.TryGetProperty("ts", out var ts) ? ts.GetDouble() : 0,
            e.TryGetProperty("dur", out var d) ? d.GetDouble() : 0,
            opName, provider);
    }

    /// <summary>The tolerant scanner: one event per line as ONNX Runtime writes them; a name runs to the last <c>","args"</c>.</summary>
    internal static List<ProfileEvent> ScanLines(string text)
    {
        var list = new List<ProfileEvent>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.Contains("\"dur\"", StringComparison.Ordinal)) continue;
            var ph = PhRegex().Match(line);
            if (ph.Success && ph.Groups[1].Value != "X") continue;
            var name = NameRegex().Match(line);
            var cat = CatRegex().Match(line);
            var ts = TsRegex().Match(line);
            var dur = DurRegex().Match(line);
            if (!name.Success || !ts.Success || !dur.Success) continue;
            var op = OpRegex().Match(line);
            var prov = ProviderRegex().Match(line);
            list.Add(new ProfileEvent(cat.Success ? cat.Groups[1].Value : "", name.Groups[1].Value,
                double.Parse(ts.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(dur.Groups[1].Value, CultureInfo.InvariantCulture),
                op.Success ? op.Groups[1].Value : null, prov.Success ? prov.Groups[1].Value : null));
        }
        return list;
    }

    [GeneratedRegex("\"ph\"\\s*:\\s*\"([A-Za-z])\"")] private static partial Regex PhRegex();
    [GeneratedRegex("\"cat\"\\s*:\\s*\"([^\"]*)\"")] private static partial Regex CatRegex();
    [GeneratedRegex("\"ts\"\\s*:\\s*([0-9.eE+-]+)")] private static partial Regex TsRegex();
    [GeneratedRegex("\"dur\"\\s*:\\s*([0-9.eE+-]+)")] private static partial Regex DurRegex();
    [GeneratedRegex("\"name\"\\s*:\\s*\"(.*)\"\\s*(?:,\\s*\"args\"|,\\s*\"ph\"|,\\s*\"cat\"|}\\s*,?\\s*$)")] private static partial Regex NameRegex();
    [GeneratedRegex("\"op_name\"\\s*:\\s*\"([^\"]*)\"")] private static partial Regex OpRegex();
    [GeneratedRegex("\"provider\"\\s*:\\s*\"([^\"]*)\"")] private static partial Regex ProviderRegex();
}

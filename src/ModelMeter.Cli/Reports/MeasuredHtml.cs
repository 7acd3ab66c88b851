using System.Globalization;
using ModelMeter.Cli.Internals;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Roofline;
using ModelMeter.Runtime;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// Builds the HTML report of a benchmarked model: the rows are the graph ONNX Runtime ran (its optimised graph as
/// analysed by the core, <see cref="BenchResult.OptimizedProfile"/>), so each row's predicted and measured times are for
/// the same node; the notes say how much measured time could not be attributed to a row.
/// </summary>
internal static class MeasuredHtml
{
    /// <summary>The report data of <paramref name="spec"/> measured in <paramref name="bench"/>.</summary>
    /// <param name="spec">The model argument as given.</param>
    /// <param name="bench">The benchmark (with a profile).</param>
    /// <param name="profile">The analysis whose nodes are the rows (the optimised graph, or the model as given when that could not be analysed).</param>
    /// <param name="optimizedRows">True when <paramref name="profile"/> is ONNX Runtime's optimised graph.</param>
    /// <param name="chips">Chips to predict on (may be empty).</param>
    /// <param name="plan">Precision what-if for the predictions (null = the model's own dtypes).</param>
    /// <param name="command">The command line to record.</param>
    /// <param name="original">The analysis of the model as given, to compare totals with (optional).</param>
    public static HtmlReportData Build(string spec, BenchResult bench, ModelProfile profile, bool optimizedRows, IReadOnlyList<HardwareSpec> chips,
        PrecisionPlan? plan, string command, ModelProfile? original = null)
    {
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in bench.Profile?.Nodes ?? [])
            measured[t.Name] = measured.GetValueOrDefault(t.Name) + t.Seconds;
        var rows = new HashSet<string>(profile.Nodes.Select(n => n.Name), StringComparer.Ordinal);
        double total = measured.Values.Sum();
        var lost = measured.Where(kv => !rows.Contains(kv.Key)).OrderByDescending(kv => kv.Value).ToList();
        double unattributed = lost.Sum(kv => kv.Value);
        int unmeasured = profile.Nodes.Count(n => !measured.ContainsKey(n.Name));

        var l = bench.Latency;
        var notes = new List<string>
        {
            $"Measured with onnxruntime {bench.RuntimeVersion} ({bench.Provider}, intra-op threads {(bench.Threads == 0 ? "default" : bench.Threads.ToString(CultureInfo.InvariantCulture))}, " +
            $"{bench.OptimizationLevel}) on this machine: {bench.Warmup} warm-up + {l.Count} timed runs; latency mean {RuntimeCli.Time(l.Mean)}, p50 {RuntimeCli.Time(l.P50)}, " +
            $"p90 {RuntimeCli.Time(l.P90)}; ONNX Runtime's own run {RuntimeCli.Time(bench.Profile?.MeanRunSeconds ?? 0)}.",
            optimizedRows
                ? "Rows are the graph ONNX Runtime ran (its optimised graph, analysed by ModelMeter): fused and layout nodes appear under the names ONNX Runtime gave them, " +
                  "so each row's predicted and measured times are for the same work."
                : "Rows are the model as given (ONNX Runtime's optimised graph could not be analysed); measured times are joined by node name.",
            $"Measured node time {RuntimeCli.Time(total)}: {RuntimeCli.Time(total - unattributed)} ({Pct(total - unattributed, total)}) attributed to rows by node name; " +
            $"{RuntimeCli.Time(unattributed)} ({Pct(unattributed, total)}) in {lost.Count} node(s) could not be attributed" +
            (lost.Count > 0 ? " (" + string.Join(", ", lost.Take(5).Select(kv => kv.Key)) + (lost.Count > 5 ? ", …" : "") + ")." : "."),
        };
        if (unmeasured > 0) notes.Add($"{unmeasured} of {profile.Nodes.Count} rows have no measured time (no kernel of that name ran).");
        if (original is not null && optimizedRows)
            notes.Add($"The model as given: {original.Nodes.Count} nodes, {Si(original.Totals.Params)} params, {Si(original.Totals.Macs)} MACs; " +
                      $"the graph that ran: {profile.Nodes.Count} nodes, {Si(profile.Totals.Params)} params, {Si(profile.Totals.Macs)} MACs (layout padding and fusions change the counts).");
        if (chips.Count > 0)
            notes.Add($"Measured / predicted compares this machine with the roofline of {chips[0].Id}; for a like-for-like ratio use --hw-file with the entry written by `modelmeter hw probe`.");
        notes.AddRange(bench.Notes);
        var estimates = chips.Select(c => (c, profile.Estimate(c, new EstimateOptions(plan)))).ToList();
        var data = HtmlReportBuilder.FromEstimates(profile, estimates, command, measured, "this machine");
        return data with
        {
            Title = DisplayName(spec),
            ModelPath = spec,
            MeasuredLatencyS = l.Mean,
            Notes = [.. data.Notes, .. notes],
        };
    }

    /// <summary>The file name without extension, or the zoo spec as given.</summary>
    public static string DisplayName(string spec) =>
        spec.StartsWith("zoo:", StringComparison.Ordinal) ? spec : Path.GetFileNameWithoutExtension(spec);

    private static string Pct(double part, double whole) => whole > 0 ? (part / whole * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "0%";

    private static string Si(long v) => v >= 1_000_000_000 ? (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G"
        : v >= 1_000_000 ? (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M"
        : v.ToString("N0", CultureInfo.InvariantCulture);
}

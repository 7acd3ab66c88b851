using ModelMeter.Cli.Commands;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Roofline;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Reports;

/// <summary>The report page as a workbench: the what-if data (every catalogued chip, the precision plans, the batch slopes) added to
/// the page data of one <c>report</c> run.</summary>
internal static class WorkbenchHtml
{
    /// <summary>Third batch (counted + this) at which the batch slopes are checked to be linear.</summary>
    private const int CheckOffset = 7;

    /// <summary>The page data of <paramref name="run"/> (its chips' estimates at the first batch) with the what-if data added.</summary>
    public static HtmlReportData Build(EstimateRun run, IReadOnlyList<HardwareSpec> chips, HardwareCatalog catalog, PrecisionPlan? plan,
        ShapeOptions options, Func<ShapeOptions, ModelProfile> analyze, string command, string? engine = null)
    {
        // the chips' estimates at the first batch, with the engine's fused kernels (the page shows those at the report's own precision
        // and batch); the page recomputes the per-node roofline for any state
        HtmlReportData data;
        if (chips.Count > 0)
            data = AnalyzeEstimates.Html(run, chips, command);
        else
        {
            data = HtmlReportBuilder.FromProfile(run.Profile, [], command);
            data = data with { Notes = [.. data.Notes, run.BatchNote] };
        }
        var b0 = run.Batches[0];
        var whatIf = new HtmlWhatIfOptions(run.CountedBatch, null, null, null, run.BatchNote, chips.Count > 0 ? chips[0].Id : null, plan?.Name ?? "model", b0, engine);
        if (run.BatchSymbol is { } sym)
        {
            ModelProfile At(int b) => analyze(options with { Dims = new Dictionary<string, long>(options.Dims ?? new Dictionary<string, long>(), StringComparer.Ordinal) { [sym] = b } });
            whatIf = whatIf with { BatchSymbol = sym, NextBatch = At(b0 + 1), Check = (b0 + CheckOffset, At(b0 + CheckOffset)) };
        }
        var selectable = chips.Concat(catalog.Entries.Where(e => !chips.Any(c => c.Id == e.Id)));
        return data with { WhatIf = HtmlWhatIfBuilder.Build(run.Profile, selectable, whatIf) };
    }

    /// <summary><c>A.vs.B.report.html</c> for a compare page.</summary>
    public static string CompareOutput(string a, string b) =>
        Stem(a) + ".vs." + Stem(b) + ".report.html";

    private static string Stem(string spec) => spec.StartsWith("zoo:", StringComparison.Ordinal) ? spec[4..].Replace(':', '-') : Path.GetFileNameWithoutExtension(spec);
}

using ModelMeter.Costs;
using ModelMeter.Internals;

namespace ModelMeter.Reports;

/// <summary>
/// Everything a human-facing exporter prints for one analysed model, built once from a <see cref="ModelProfile"/>:
/// a header, the per-node table (with totals), the by-op-type rollup, summary figures, the symbolic-dims line and
/// the diagnostics. Exporters only read this.
/// </summary>
public sealed class AnalysisReport
{
    /// <summary>How many diagnostic lines the human formats print before "… and N more".</summary>
    public const int DiagnosticLinesShown = 5;

    private AnalysisReport(ModelProfile profile, ReportTable nodes, ReportTable byOpType)
    {
        Profile = profile;
        Nodes = nodes;
        ByOpType = byOpType;
    }

    /// <summary>Builds the report of <paramref name="profile"/>.</summary>
    public static AnalysisReport From(ModelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new AnalysisReport(profile, ProfileTables.Nodes(profile), ProfileTables.ByOpType(profile));
    }

    /// <summary>The same report with another view of the node table (fewer columns, sorted, the top N rows).</summary>
    public AnalysisReport WithNodes(ReportTable nodes) => new(Profile, nodes ?? throw new ArgumentNullException(nameof(nodes)), ByOpType);

    /// <summary>The profile the report was built from.</summary>
    public ModelProfile Profile { get; }

    /// <summary>One row per node in topological order, plus a totals row.</summary>
    public ReportTable Nodes { get; }

    /// <summary>One row per op type (order of first appearance), plus a totals row.</summary>
    public ReportTable ByOpType { get; }

    /// <summary>Title: the model's display name.</summary>
    public string Title => DisplayText.Visible(Profile.Model.Name);

    /// <summary>One line describing the model: path, producer, IR version, opset.</summary>
    public string ModelLine
    {
        get
        {
            var m = Profile.Model;
            var producer = m.Producer.Length > 0 ? m.Producer : "unknown producer";
            return DisplayText.Visible($"{m.Path} ({producer}, IR {m.IrVersion}, opset {m.Opset})");
        }
    }

    /// <summary>
    /// For a graph without nodes (every output is a graph input or an initializer) the line printed instead of the two
    /// empty tables; null when the graph has nodes.
    /// </summary>
    public string? EmptyGraphLine => Profile.Nodes.Count == 0
        ? "The graph has no nodes: every output is a graph input or a constant, so nothing is computed."
        : null;

    /// <summary>Inputs and outputs as <c>name: float32[batch,3,224,224]</c>.</summary>
    public IReadOnlyList<string> IoLines =>
        Profile.Inputs.Select(i => $"input {i.Name}: {ProfileTables.TypeText(i)}")
            .Concat(Profile.Outputs.Select(o => $"output {o.Name}: {ProfileTables.TypeText(o)}")).Select(DisplayText.Visible).ToList();

    /// <summary>
    /// The symbolic-dims assumption line (<c>symbolic dims: batch=1 (unset, counted as 1; set with --dim batch=N)</c>),
    /// or null when the model has no symbolic dims.
    /// </summary>
    public string? DimsLine => ProfileTables.DimsLine(Profile) is { } line ? DisplayText.Visible(line) : null;

    /// <summary>Whole-model figures beyond the table columns, as (label, formatted value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Summary => ProfileTables.Summary(Profile);

    /// <summary>Counts of diagnostics by severity, e.g. <c>2 warnings, 1 info</c>; null when there are none.</summary>
    public string? DiagnosticCounts
    {
        get
        {
            if (Profile.Diagnostics.Count == 0) return null;
            return string.Join(", ", Profile.Diagnostics.GroupBy(d => d.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {SeverityName(g.Key)}{(g.Count() == 1 || g.Key == Severity.Info ? "" : "s")}"));
        }
    }

    /// <summary>The first <see cref="DiagnosticLinesShown"/> diagnostics (most severe first) and a "… more" line.</summary>
    public IReadOnlyList<string> DiagnosticLines
    {
        get
        {
            var ordered = Profile.Diagnostics.OrderByDescending(d => d.Severity).ToList();
            var lines = ordered.Take(DiagnosticLinesShown).Select(d => DisplayText.Visible(d.ToString())).ToList();
            if (ordered.Count > DiagnosticLinesShown) lines.Add($"… and {ordered.Count - DiagnosticLinesShown} more (all of them are in --format json)");
            return lines;
        }
    }

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}

using System.Text;

namespace ModelMeter.Reports;

/// <summary>
/// GitHub-flavoured Markdown: the model header, constant columns, the per-node table with a bold totals row, the
/// by-op-type table, the legend and the diagnostics. Every model-provided string is escaped (<see cref="Escape"/>).
/// </summary>
public sealed class MarkdownExporter : ReportExporter
{
    /// <inheritdoc/>
    public override string Name => "md";

    /// <inheritdoc/>
    public override string FileExtension => ".md";

    /// <inheritdoc/>
    public override void Export(AnalysisReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write($"## {Escape(report.Title)}\n\n");
        writer.Write($"{Escape(report.ModelLine)}\n\n");
        foreach (var line in report.IoLines) writer.Write($"- {Escape(line)}\n");
        if (report.DimsLine is { } dims) writer.Write($"- {Escape(dims)}\n");
        writer.Write('\n');
        writer.Write("| Figure | Value |\n|---|---:|\n");
        foreach (var kv in report.Summary) writer.Write($"| {Escape(kv.Key)} | {Escape(kv.Value)} |\n");
        writer.Write('\n');
        if (report.EmptyGraphLine is { } empty) writer.Write($"{Escape(empty)}\n\n");
        else
        {
            WriteTable(report.ByOpType, writer);
            WriteTable(report.Nodes, writer);
        }
        if (report.DiagnosticCounts is { } counts)
        {
            writer.Write($"### Diagnostics ({Escape(counts)})\n\n");
            foreach (var line in report.DiagnosticLines) writer.Write($"- {Escape(line)}\n");
            writer.Write('\n');
        }
    }

    /// <summary>Writes one table with its constant columns above and its legend below.</summary>
    public static void WriteTable(ReportTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write($"### {Escape(table.Title)}\n\n");
        foreach (var kv in table.Constants) writer.Write($"{Escape(kv.Key.Header)}: {Escape(kv.Value)}  \n");
        if (table.Constants.Count > 0) writer.Write('\n');
        int n = table.Columns.Count;
        writer.Write("| " + string.Join(" | ", Enumerable.Range(0, n).Select(i => Escape(table.Header(i)))) + " |\n");
        writer.Write("|" + string.Join("|", table.Columns.Select(c => c.IsNumeric ? "---:" : "---")) + "|\n");
        foreach (var row in table.Rows)
            writer.Write("| " + string.Join(" | ", Enumerable.Range(0, n).Select(i => Escape(table.Cell(row, i)))) + " |\n");
        if (table.Totals is { } totals)
            writer.Write("| " + string.Join(" | ", Enumerable.Range(0, n).Select(i => Bold(Escape(table.Cell(totals, i))))) + " |\n");
        writer.Write('\n');
        foreach (var line in table.Legend()) writer.Write($"- {Escape(line)}\n");
        writer.Write('\n');
    }

    /// <summary>
    /// Escapes text for Markdown (tables included): backslash-escapes the ASCII punctuation Markdown gives meaning to
    /// inside a line (<c>\ ` * _ { } [ ] # | ~</c>; with <c>[</c> escaped, <c>( ) !</c> cannot form links), writes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as HTML entities so no
    /// tag or entity survives, and turns line breaks into spaces (a table row is one line).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r' or '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '#' or '|' or '~':
                    sb.Append('\\').Append(ch); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static string Bold(string s) => s.Length == 0 ? s : $"**{s}**";
}

using ModelMeter.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// Renders reports with Spectre.Console. Every model-provided string goes into a <see cref="Text"/> (never parsed as
/// markup), so names such as <c>[red]x</c> print literally.
/// </summary>
internal static class ConsoleExporter
{
    /// <summary>Writes the full single-model report: header, summary, rollup, node table, legend, diagnostics.</summary>
    public static void Write(AnalysisReport report, IAnsiConsole console)
    {
        console.Write(new Text(report.Title + "\n", new Style(decoration: Decoration.Bold)));
        console.Write(new Text(report.ModelLine + "\n"));
        foreach (var line in report.IoLines) console.Write(new Text("  " + line + "\n"));
        if (report.DimsLine is { } dims) console.Write(new Text(dims + "\n", new Style(Color.Yellow)));
        console.WriteLine();
        if (report.EmptyGraphLine is { } empty) console.Write(new Text(empty + "\n\n"));
        else
        {
            WriteTable(report.Nodes, console);
            WriteTable(report.ByOpType, console);
        }
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        foreach (var kv in report.Summary) grid.AddRow(new Text(kv.Key), new Text(kv.Value));
        console.Write(grid);
        console.WriteLine();
        if (report.DiagnosticCounts is { } counts)
        {
            console.Write(new Text($"Diagnostics: {counts}\n", new Style(Color.Yellow)));
            foreach (var line in report.DiagnosticLines) console.Write(new Text("  " + line + "\n"));
        }
    }

    /// <summary>
    /// Writes one table: constant columns above, rows and totals, legend below. It is fitted to the console's width
    /// (<see cref="TableFit"/>): columns dropped are named in a note under it; a console of
    /// <see cref="CliContext.UnboundedWidth"/> or more (a pipe, a file) gets the whole table.
    /// </summary>
    public static void WriteTable(ReportTable table, IAnsiConsole console)
    {
        var fit = TableFit.Fit(table, console.Profile.Width >= CliContext.UnboundedWidth ? null : console.Profile.Width);
        table = fit.Table;
        foreach (var kv in table.Constants) console.Write(new Text($"{kv.Key.Header}: {kv.Value}\n"));
        var t = new Table { Border = TableBorder.Simple, Title = new TableTitle(table.Title) };
        for (int i = 0; i < table.Columns.Count; i++)
        {
            // every width is known: nothing wraps, and a header is never broken
            var col = new TableColumn(new Text(table.Header(i))) { NoWrap = true, Width = fit.Widths[i] };
            if (table.Columns[i].IsNumeric) col.RightAligned();
            t.AddColumn(col);
        }
        foreach (var row in table.Rows) t.AddRow(Cells(table, row, fit.Widths, Style.Plain));
        if (table.Totals is { } totals)
        {
            t.AddEmptyRow();
            t.AddRow(Cells(table, totals, fit.Widths, new Style(decoration: Decoration.Bold)));
        }
        console.Write(t);
        foreach (var line in table.Legend()) console.Write(new Text("  " + line + "\n", new Style(Color.Grey)));
        if (fit.Dropped.Count > 0)
            console.Write(new Text($"  note: left out {string.Join(", ", fit.Dropped)} to fit {console.Profile.Width} columns (--columns chooses)\n", new Style(Color.Yellow)));
        console.WriteLine();
    }

    private static IRenderable[] Cells(ReportTable table, ReportRow row, int[] widths, Style style) =>
        Enumerable.Range(0, table.Columns.Count).Select(i => (IRenderable)new Text(TableFit.MiddleEllipsis(table.Cell(row, i), widths[i]), style)).ToArray();
}

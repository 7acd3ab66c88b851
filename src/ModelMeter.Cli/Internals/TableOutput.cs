using ModelMeter.Cli.Reports;
using ModelMeter.Reports;
using Spectre.Console;

namespace ModelMeter.Cli.Internals;

/// <summary>Writes report tables in a <c>--format</c> (table, csv, md); JSON is written by each command from its own records.</summary>
internal static class TableOutput
{
    /// <summary>Writes <paramref name="tables"/>: Spectre tables, Markdown tables, or CSV (blank line between tables).</summary>
    public static void Write(CliContext context, TextWriter w, string format, params ReportTable[] tables)
    {
        IAnsiConsole? console = format is "csv" or "md" ? null : context.ConsoleFor(w);
        for (int i = 0; i < tables.Length; i++)
        {
            switch (format)
            {
                case "csv":
                    if (i > 0) w.WriteLine();
                    CsvExporter.Write(tables[i], w);
                    break;
                case "md":
                    if (i > 0) w.WriteLine();
                    MarkdownExporter.WriteTable(tables[i], w);
                    break;
                default:
                    ConsoleExporter.WriteTable(tables[i], console!);
                    break;
            }
        }
    }
}

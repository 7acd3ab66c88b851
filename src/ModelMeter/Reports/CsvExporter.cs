namespace ModelMeter.Reports;

/// <summary>
/// RFC 4180 CSV of the per-node table: a header row of <see cref="ReportColumn.CsvHeader"/> (units in the header),
/// then one row per node in topological order with raw numbers (no prefixes, no separators; empty = not counted).
/// Every column is written, constant ones included; there is no totals row. Lines end in CRLF as RFC 4180 says.
/// </summary>
public sealed class CsvExporter : ReportExporter
{
    /// <inheritdoc/>
    public override string Name => "csv";

    /// <inheritdoc/>
    public override string FileExtension => ".csv";

    /// <inheritdoc/>
    public override void Export(AnalysisReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(report.Nodes, writer);
    }

    /// <summary>Writes one table (all columns, data rows only).</summary>
    public static void Write(ReportTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", table.AllColumns.Select(c => Quote(c.CsvHeader))));
        writer.Write("\r\n");
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join(",", row.Cells.Select(c => Quote(c.Raw))));
            writer.Write("\r\n");
        }
    }

    /// <summary>Quotes a field when it holds a comma, a double quote, CR or LF (or leading/trailing space); quotes are doubled.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        bool needs = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
        return needs ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}

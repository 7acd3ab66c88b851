namespace ModelMeter.Reports;

/// <summary>
/// One summary table, rendered by every human-facing exporter (after BenchmarkDotNet's SummaryTable): columns are
/// objects, the display unit of each numeric column is chosen once from its data, columns whose value is the same in
/// every row are printed once above the table, and a legend goes under it.
/// </summary>
public sealed class ReportTable
{
    private Layout? _layout;

    /// <summary>Builds the table, choosing units and folding constant columns.</summary>
    /// <param name="title">Table title.</param>
    /// <param name="columns">Every column, in order.</param>
    /// <param name="rows">Data rows (cells aligned with <paramref name="columns"/>).</param>
    /// <param name="totals">Optional totals row, shown last in the units of the data rows.</param>
    public ReportTable(string title, IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportRow> rows, ReportRow? totals = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows.Append(totals))
            if (r is not null && r.Cells.Count != columns.Count)
                throw new ArgumentException($"row has {r.Cells.Count} cells, table '{title}' has {columns.Count} columns", nameof(rows));
        Title = title;
        AllColumns = columns;
        Rows = rows;
        Totals = totals;
    }

    /// <summary>Units, visible columns and constants: chosen from every row when first needed (a table only sorted
    /// and cut to its top rows, as <c>--top</c> does, never reads all its cells).</summary>
    private sealed class Layout
    {
        public required int[] Visible { get; init; }
        public required UnitScale[] Units { get; init; }
        public required IReadOnlyList<KeyValuePair<ReportColumn, string>> Constants { get; init; }
    }

    private int[] VisibleIndex => (_layout ??= MakeLayout()).Visible;
    private UnitScale[] ColumnUnits => (_layout ??= MakeLayout()).Units;

    private Layout MakeLayout()
    {
        var columns = AllColumns;
        var rows = Rows;
        var units = new UnitScale[columns.Count];
        var visible = new List<int>();
        var constants = new List<KeyValuePair<ReportColumn, string>>();
        for (int c = 0; c < columns.Count; c++)
        {
            var col = columns[c];
            units[c] = col.FixedUnit || !col.IsNumeric
                ? UnitScale.Base(col.Kind)
                : UnitScale.Choose(col.Kind, rows.Select(r => r.Cells[c].Number ?? 0));
            if (col.HideWhenConstant && rows.Count >= 2 && rows.All(r => r.Cells[c] == rows[0].Cells[c]))
            {
                // a column that is empty in every row (no model failed) is not printed at all, not as "Error: "
                var text = Format(rows[0], c, units);
                if (text.Length > 0) constants.Add(new(col, text));
            }
            else
                visible.Add(c);
        }
        return new Layout { Visible = [.. visible], Units = units, Constants = constants };
    }

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>Every column (including those folded into <see cref="Constants"/>).</summary>
    public IReadOnlyList<ReportColumn> AllColumns { get; }

    /// <summary>Columns shown in the table body.</summary>
    public IReadOnlyList<ReportColumn> Columns => VisibleIndex.Select(i => AllColumns[i]).ToList();

    /// <summary>Data rows.</summary>
    public IReadOnlyList<ReportRow> Rows { get; }

    /// <summary>Totals row, or null.</summary>
    public ReportRow? Totals { get; }

    /// <summary>Columns with one value in every row, printed once above the table (<c>Domain: ai.onnx</c>); a column that is empty in every row is left out.</summary>
    public IReadOnlyList<KeyValuePair<ReportColumn, string>> Constants => (_layout ??= MakeLayout()).Constants;

    /// <summary>The display unit of a visible column.</summary>
    public UnitScale Unit(int visibleColumn) => ColumnUnits[VisibleIndex[visibleColumn]];

    /// <summary>Header of a visible column with its unit: <c>MACs (M)</c>, <c>Read (MB)</c>, <c>Params</c>.</summary>
    public string Header(int visibleColumn)
    {
        var col = AllColumns[VisibleIndex[visibleColumn]];
        var u = Unit(visibleColumn);
        return col.IsNumeric && col.Kind != UnitKind.Ratio && u.Symbol.Length > 0 ? $"{col.Header} ({u.Symbol})" : col.Header;
    }

    /// <summary>The display text of a visible column's cell in <paramref name="row"/>.</summary>
    public string Cell(ReportRow row, int visibleColumn) => Format(row, VisibleIndex[visibleColumn], ColumnUnits);

    /// <summary>The raw value of a visible column's cell in <paramref name="row"/>.</summary>
    public ReportValue Value(ReportRow row, int visibleColumn) => row.Cells[VisibleIndex[visibleColumn]];

    /// <summary>Legend lines for the visible numeric columns, then the prefix convention.</summary>
    public IReadOnlyList<string> Legend()
    {
        var lines = new List<string>();
        for (int i = 0; i < VisibleIndex.Length; i++)
        {
            var col = AllColumns[VisibleIndex[i]];
            if (col.Legend.Length > 0) lines.Add($"{Header(i)}: {col.Legend}");
        }
        if (VisibleIndex.Any(i => AllColumns[i].Kind is UnitKind.Count or UnitKind.Flops or UnitKind.Bytes))
            lines.Add("Prefixes are decimal: K = 10^3, M = 10^6, G = 10^9, T = 10^12; kB = 1000 B, MB = 10^6 B, GB = 10^9 B. ? = not counted.");
        return lines;
    }

    private string Format(ReportRow row, int c, UnitScale[] units)
    {
        var v = row.Cells[c];
        var col = AllColumns[c];
        if (!col.IsNumeric) return DisplayText.Visible(v.Text ?? v.Raw);
        return units[c].Format(v.Number, col.Kind);
    }
}

namespace ModelMeter.Reports;

/// <summary>
/// One summary table, rendered by every human-facing exporter (after BenchmarkDotNet's SummaryTable): columns are
/// objects, the display unit of each numeric column is chosen once from its data, columns whose value is the same in
/// every row are printed once above the table, and a legend goes under it.
/// </summary>
public sealed class ReportTable
{
    private readonly int[] _visible;
    private readonly UnitScale[] _units;

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
        _units = new UnitScale[columns.Count];
        var visible = new List<int>();
        var constants = new List<KeyValuePair<ReportColumn, string>>();
        for (int c = 0; c < columns.Count; c++)
        {
            var col = columns[c];
            _units[c] = col.FixedUnit || !col.IsNumeric
                ? UnitScale.Base(col.Kind)
                : UnitScale.Choose(col.Kind, rows.Select(r => r.Cells[c].Number ?? 0));
            if (col.HideWhenConstant && rows.Count >= 2 && rows.All(r => r.Cells[c] == rows[0].Cells[c]))
            {
                // a column that is empty in every row (no model failed) is not printed at all, not as "Error: "
                var text = Format(rows[0], c);
                if (text.Length > 0) constants.Add(new(col, text));
            }
            else
                visible.Add(c);
        }
        _visible = visible.ToArray();
        Constants = constants;
    }

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>Every column (including those folded into <see cref="Constants"/>).</summary>
    public IReadOnlyList<ReportColumn> AllColumns { get; }

    /// <summary>Columns shown in the table body.</summary>
    public IReadOnlyList<ReportColumn> Columns => _visible.Select(i => AllColumns[i]).ToList();

    /// <summary>Data rows.</summary>
    public IReadOnlyList<ReportRow> Rows { get; }

    /// <summary>Totals row, or null.</summary>
    public ReportRow? Totals { get; }

    /// <summary>Columns with one value in every row, printed once above the table (<c>Domain: ai.onnx</c>); a column that is empty in every row is left out.</summary>
    public IReadOnlyList<KeyValuePair<ReportColumn, string>> Constants { get; }

    /// <summary>The display unit of a visible column.</summary>
    public UnitScale Unit(int visibleColumn) => _units[_visible[visibleColumn]];

    /// <summary>Header of a visible column with its unit: <c>MACs (M)</c>, <c>Read (MB)</c>, <c>Params</c>.</summary>
    public string Header(int visibleColumn)
    {
        var col = AllColumns[_visible[visibleColumn]];
        var u = Unit(visibleColumn);
        return col.IsNumeric && col.Kind != UnitKind.Ratio && u.Symbol.Length > 0 ? $"{col.Header} ({u.Symbol})" : col.Header;
    }

    /// <summary>The display text of a visible column's cell in <paramref name="row"/>.</summary>
    public string Cell(ReportRow row, int visibleColumn) => Format(row, _visible[visibleColumn]);

    /// <summary>The raw value of a visible column's cell in <paramref name="row"/>.</summary>
    public ReportValue Value(ReportRow row, int visibleColumn) => row.Cells[_visible[visibleColumn]];

    /// <summary>Legend lines for the visible numeric columns, then the prefix convention.</summary>
    public IReadOnlyList<string> Legend()
    {
        var lines = new List<string>();
        for (int i = 0; i < _visible.Length; i++)
        {
            var col = AllColumns[_visible[i]];
            if (col.Legend.Length > 0) lines.Add($"{Header(i)}: {col.Legend}");
        }
        if (_visible.Any(i => AllColumns[i].Kind is UnitKind.Count or UnitKind.Flops or UnitKind.Bytes))
            lines.Add("Prefixes are decimal: K = 10^3, M = 10^6, G = 10^9, T = 10^12; kB = 1000 B, MB = 10^6 B, GB = 10^9 B. ? = not counted.");
        return lines;
    }

    private string Format(ReportRow row, int c)
    {
        var v = row.Cells[c];
        var col = AllColumns[c];
        if (!col.IsNumeric) return DisplayText.Visible(v.Text ?? v.Raw);
        return _units[c].Format(v.Number, col.Kind);
    }
}

namespace ModelMeter.Reports;

/// <summary>
/// Derived views of a <see cref="ReportTable"/> (the <c>--columns</c>, <c>--sort</c> and <c>--top</c> options): the same
/// cells and totals, fewer columns or rows in another order. Units and constant columns are chosen again for the view.
/// </summary>
public static class ReportTableShaping
{
    /// <summary>The column of <paramref name="table"/> named <paramref name="name"/> by id (<c>bytes_read</c>) or header (<c>Read</c>), case-insensitive, or null.</summary>
    public static ReportColumn? FindColumn(this ReportTable table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AllColumns.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase))
            ?? table.AllColumns.FirstOrDefault(c => string.Equals(c.Header, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Only <paramref name="columns"/>, in that order.</summary>
    public static ReportTable WithColumns(this ReportTable table, IReadOnlyList<ReportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var index = columns.Select(c => IndexOf(table, c)).ToArray();
        ReportRow Project(ReportRow r) => new([.. index.Select(i => r.Cells[i])]);
        return new ReportTable(table.Title, columns, [.. table.Rows.Select(Project)], table.Totals is { } t ? Project(t) : null);
    }

    /// <summary>
    /// Rows sorted by <paramref name="column"/> (numbers largest first, unknown last; text A→Z; ties keep their order),
    /// then the first <paramref name="top"/> (all when null). The totals row stays that of every row.
    /// </summary>
    public static ReportTable SortedBy(this ReportTable table, ReportColumn column, int? top = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        int c = IndexOf(table, column);
        IEnumerable<ReportRow> rows = column.IsNumeric
            ? table.Rows.OrderByDescending(r => r.Cells[c].Number ?? double.NegativeInfinity)
            : table.Rows.OrderBy(r => r.Cells[c].Raw, StringComparer.OrdinalIgnoreCase);
        if (top is { } n) rows = rows.Take(n);
        return new ReportTable(title ?? table.Title, table.AllColumns, [.. rows], table.Totals);
    }

    private static int IndexOf(ReportTable table, ReportColumn column)
    {
        for (int i = 0; i < table.AllColumns.Count; i++)
            if (ReferenceEquals(table.AllColumns[i], column) || table.AllColumns[i] == column) return i;
        throw new ArgumentException($"column '{column.Id}' is not in table '{table.Title}'", nameof(column));
    }
}

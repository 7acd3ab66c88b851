namespace ModelMeter.Reports;

/// <summary>
/// A column of a <see cref="ReportTable"/>, after BenchmarkDotNet's columns: a stable id (used by CSV), a human
/// header, the kind of unit its values have, and a legend line explaining it.
/// </summary>
/// <param name="Id">Stable snake_case id (<c>bytes_read</c>).</param>
/// <param name="Header">Human header without unit (<c>Read</c>).</param>
/// <param name="Kind">Unit kind; the display unit is chosen from the data.</param>
/// <param name="Legend">One-line explanation printed under the table.</param>
public sealed record ReportColumn(string Id, string Header, UnitKind Kind, string Legend)
{
    /// <summary>True for every kind except <see cref="UnitKind.Text"/>.</summary>
    public bool IsNumeric => Kind != UnitKind.Text;

    /// <summary>When every row has the same value the column is printed once above the table instead.</summary>
    public bool HideWhenConstant { get; init; }

    /// <summary>Fixed display unit (no prefix) instead of one chosen from the data (e.g. node counts).</summary>
    public bool FixedUnit { get; init; }

    /// <summary>
    /// The CSV header: raw numbers carry their unit in the header. Bytes → <c>id [B]</c>, seconds → <c>id [s]</c>;
    /// counts and FLOPs are their own unit and use <see cref="Header"/> (<c>FLOPs</c>); text and ratios use <see cref="Id"/>.
    /// </summary>
    public string CsvHeader => Kind switch
    {
        UnitKind.Bytes => $"{Id} [B]",
        UnitKind.Seconds => $"{Id} [s]",
        UnitKind.Count or UnitKind.Flops => Header,
        _ => Id,
    };
}

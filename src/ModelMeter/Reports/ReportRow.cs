namespace ModelMeter.Reports;

/// <summary>A row of a <see cref="ReportTable"/>: one value per column of the table's full column list.</summary>
/// <param name="Cells">The cells, aligned with <see cref="ReportTable.AllColumns"/>.</param>
public sealed record ReportRow(IReadOnlyList<ReportValue> Cells);

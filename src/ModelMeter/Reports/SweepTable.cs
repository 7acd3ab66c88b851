using System.Globalization;

namespace ModelMeter.Reports;

/// <summary>The table of a <c>--sweep</c>: one row per value of the swept dim with the model's totals and, with <c>--hw</c>, the
/// estimated latency on each chip (a failed value shows its error in its row).</summary>
public static class SweepTable
{
    /// <summary>Builds the table of <paramref name="sweep"/>, rows in the order the values were given.</summary>
    public static ReportTable Build(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var chips = sweep.Chips;
        var cols = new List<ReportColumn>
        {
            new("value", sweep.Dim, UnitKind.Count, $"the value of the symbolic dim {sweep.Dim}") { FixedUnit = true },
        };
        cols.AddRange(ModelsTable.TotalsColumns);
        cols.AddRange(chips.Select(c => new ReportColumn("latency_" + c, "Latency on " + c, UnitKind.Seconds, sweep.LatencyMeaning(c))));
        cols.Add(new ReportColumn("error", "Error", UnitKind.Text, "") { HideWhenConstant = true });
        var rows = sweep.Points.Select(p =>
        {
            var t = p.Profile?.Totals;
            var values = new List<ReportValue> { ReportValue.Of(p.Value) };
            values.AddRange(ModelsTable.TotalsCells(t));
            values.AddRange(chips.Select(c => ReportValue.Of(p.LatencyOn(c))));
            values.Add(ReportValue.Of(p.Error?.Message ?? ""));
            return new ReportRow(values);
        }).ToList();
        var title = $"{sweep.Spec}: sweep of {sweep.Dim} over {sweep.Points.Count.ToString(CultureInfo.InvariantCulture)} values";
        return new ReportTable(title, cols, rows);
    }
}

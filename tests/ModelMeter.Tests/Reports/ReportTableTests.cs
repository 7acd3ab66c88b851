using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Tests.Reports;

public class ReportTableTests
{
    [Theory]
    [InlineData(UnitKind.Count, new[] { 118_013_952.0, 802_816.0, 235_000_000.0 }, "M")]
    [InlineData(UnitKind.Count, new[] { 4_089_000_000.0, 1.8e9, 0.0 }, "M")]
    [InlineData(UnitKind.Count, new[] { 12_000_000_000.0, 1.0 }, "G")]
    [InlineData(UnitKind.Count, new[] { 9408.0, 2_049_000.0 }, "K")]
    [InlineData(UnitKind.Count, new[] { 12.0, 999.0, 3.0 }, "")]
    [InlineData(UnitKind.Flops, new[] { 2.5e12, 3e12 }, "G")]
    [InlineData(UnitKind.Flops, new[] { 2.5e13 }, "T")]
    [InlineData(UnitKind.Bytes, new[] { 1500.0, 2000.0, 999.0 }, "B")]
    [InlineData(UnitKind.Bytes, new[] { 15_000.0, 20.0 }, "kB")]
    [InlineData(UnitKind.Bytes, new[] { 102_230_128.0 }, "MB")]
    [InlineData(UnitKind.Bytes, new[] { 0.0, 0.0 }, "B")]
    [InlineData(UnitKind.Seconds, new[] { 0.0021, 0.004 }, "ms")]
    [InlineData(UnitKind.Seconds, new[] { 3.2e-7 }, "ns")]
    [InlineData(UnitKind.Seconds, new[] { 4.5e-5 }, "µs")]
    [InlineData(UnitKind.Seconds, new[] { 12.0 }, "s")]
    public void Unit_is_chosen_from_the_data(UnitKind kind, double[] values, string symbol) =>
        Assert.Equal(symbol, UnitScale.Choose(kind, values).Symbol);

    [Fact]
    public void Formatting_uses_decimal_prefixes_and_two_decimals()
    {
        Assert.Equal("4,089.18", new UnitScale("M", 1e6).Format(4_089_184_256, UnitKind.Count));
        Assert.Equal("102.23", new UnitScale("MB", 1e6).Format(102_230_128, UnitKind.Bytes));
        Assert.Equal("25,557,032", UnitScale.Base(UnitKind.Count).Format(25_557_032, UnitKind.Count));
        Assert.Equal("2.10", new UnitScale("ms", 1e-3).Format(0.0021, UnitKind.Seconds));
        Assert.Equal("?", new UnitScale("M", 1e6).Format(null, UnitKind.Count));
    }

    [Fact]
    public void Node_table_has_totals_constant_columns_and_legend()
    {
        var report = AnalysisReport.From(TestProfiles.Small());
        var t = report.Nodes;
        Assert.Equal(3, t.Rows.Count);
        Assert.Contains(t.Constants, kv => kv.Key.Id == "domain" && kv.Value == "ai.onnx");
        Assert.DoesNotContain(t.Columns, c => c.Id == "domain");
        int macs = t.Columns.ToList().FindIndex(c => c.Id == "macs");
        Assert.Equal("MACs (M)", t.Header(macs));
        Assert.Equal("118.01", t.Cell(t.Rows[0], macs));
        Assert.Equal("?", t.Cell(t.Rows[2], macs));
        Assert.Equal("118.01", t.Cell(t.Totals!, macs));
        Assert.Contains(t.Legend(), l => l.StartsWith("MACs (M): multiply-accumulates", StringComparison.Ordinal));
        Assert.Equal("symbolic dims: batch=1 (unset dims are counted as 1; set them with --dim NAME=VALUE)", report.DimsLine);
        Assert.Equal("1 warning, 1 info", report.DiagnosticCounts);
    }

    [Fact]
    public void Rows_must_match_columns() =>
        Assert.Throws<ArgumentException>(() => new ReportTable("t", [new ReportColumn("a", "A", UnitKind.Text, "")], [new ReportRow([])]));
}

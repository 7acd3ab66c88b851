using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Per-node costs as formulas of the free symbolic dims in the node tables (issue 12): CSV and Markdown carry
/// <c>macs_formula</c>/<c>flops_formula</c> while a dim is left free, and drop them once every dim is set.</summary>
public class NodeFormulaColumnTests
{
    private static string[] Row(string csv, string name) =>
        csv.ReplaceLineEndings("\n").Split('\n').First(l => l.StartsWith(name + ",", StringComparison.Ordinal)).Split(',');

    [Fact]
    public void Csv_node_rows_carry_the_formula_of_each_count()
    {
        var r = CliRunner.Run("analyze", "zoo:bert-base", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Err);
        var header = r.Out.ReplaceLineEndings("\n").Split('\n')[0].Split(',');
        Assert.Equal(["macs_formula", "flops_formula"], header[^2..]);
        // a 768×768 projection: 768·768 MACs per token; the scores product: 64 per (head, query, key) × 12 heads = 768 per (query, key)
        var q = Row(r.Out, "encoder.layer.0.attention.self.query.matmul");
        Assert.Equal(["589824*batch*sequence", "1179648*batch*sequence"], q[^2..]);
        var scores = Row(r.Out, "encoder.layer.0.attention.self.scores");
        Assert.Equal("768*batch*sequence*sequence", scores[^2]);

        var set = CliRunner.Run("analyze", "zoo:bert-base", "--dim", "batch=2,sequence=16", "--format", "csv");
        Assert.True(set.ExitCode == 0, set.Err);
        Assert.DoesNotContain("macs_formula", set.Out, StringComparison.Ordinal);
        Assert.Equal((768L * 2 * 16 * 16).ToString(System.Globalization.CultureInfo.InvariantCulture), Row(set.Out, "encoder.layer.0.attention.self.scores")[^5]); // MACs: 5th from the end (the output type holds quoted commas)
    }

    [Fact]
    public void Markdown_node_table_has_the_formula_columns()
    {
        var r = CliRunner.Run("analyze", "zoo:bert-base", "--dim", "batch=1", "--format", "md");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("589824\\*sequence", r.Out, StringComparison.Ordinal); // batch set, sequence free
        Assert.Contains("MACs formula", r.Out, StringComparison.Ordinal);
    }
}

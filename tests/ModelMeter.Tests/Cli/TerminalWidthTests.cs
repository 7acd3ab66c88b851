using ModelMeter.Cli.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Console tables fit 80/100/120/200 columns (and are whole in a pipe): columns dropped in the documented order
/// with a note, long names shortened in the middle, headers never broken.</summary>
public class TerminalWidthTests
{
    private static string[] Lines(string s) => s.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(200)]
    public void Every_line_fits_and_headers_stay_whole(int width)
    {
        foreach (var args in new[] { new[] { "analyze", "zoo:resnet18" }, ["analyze", "zoo:resnet18", "--hw", "t4,a100-80g-sxm"], ["hw", "list"], ["llm", "llama-3-8b", "--hw", "h100-sxm", "--batch", "1,8"] })
        {
            var r = CliRunner.RunAt(width, args);
            Assert.Equal(0, r.ExitCode);
            var lines = Lines(r.Out);
            Assert.All(lines, l => Assert.True(l.Length <= width, $"{string.Join(' ', args)}: {l.Length} > {width}: {l}"));
        }
        var nodes = Lines(CliRunner.RunAt(width, "analyze", "zoo:resnet18").Out);
        var header = Assert.Single(nodes, l => l.StartsWith("  Node ", StringComparison.Ordinal));
        Assert.Contains("Memory access (", header, StringComparison.Ordinal); // never dropped, never broken
        Assert.Contains("MACs (M)", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_columns_follow_the_documented_order_and_are_named_in_a_note()
    {
        var at80 = CliRunner.RunAt(80, "analyze", "zoo:resnet18").Out;
        // the formula columns go first (the totals' formulas are in the summary), then Written and Read (both are inside
        // Memory access), then the output shapes: the order of docs/cli.md
        Assert.Contains("note: left out FLOPs formula, MACs formula, Written, Read, Output", at80, StringComparison.Ordinal);
        var whole = CliRunner.RunAt(null, "analyze", "zoo:resnet18").Out;
        Assert.DoesNotContain("left out", whole, StringComparison.Ordinal);
        var header = Lines(whole).Single(l => l.StartsWith("  Node ", StringComparison.Ordinal));
        foreach (var h in new[] { "Output", "Params", "FLOPs", "Read", "Written" }) Assert.Contains(h, header, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_names_are_shortened_in_the_middle()
    {
        var name = "encoder.layers.11.self_attention.output.dense.MatMul_with_a_very_long_exporter_suffix";
        var table = new ReportTable("Nodes", [new("name", "Node", UnitKind.Text, ""), new("macs", "MACs", UnitKind.Count, "")],
            [new ReportRow([ReportValue.Of(name), ReportValue.Of(1000L)])]);
        var fit = TableFit.Fit(table, 40);
        Assert.Empty(fit.Dropped);
        Assert.True(fit.Widths.Sum() + TableFit.Overhead(2) <= 40);
        var shown = TableFit.MiddleEllipsis(name, fit.Widths[0]);
        Assert.Equal(fit.Widths[0], shown.Length);
        Assert.StartsWith("encoder.", shown, StringComparison.Ordinal);
        Assert.EndsWith("_suffix", shown, StringComparison.Ordinal);
        Assert.Contains('…', shown);
        Assert.Equal("abc", TableFit.MiddleEllipsis("abc", 10));
    }

    [Fact]
    public void Top_and_sort_pick_the_heaviest_nodes_and_keep_every_node_in_the_totals()
    {
        var r = CliRunner.RunAt(null, "analyze", "zoo:resnet18", "--top", "3", "--format", "csv", "--columns", "name,macs");
        Assert.Equal(0, r.ExitCode);
        var rows = Lines(r.Out).Where(l => l.Length > 0).ToArray();
        Assert.Equal("name,MACs", rows[0]);
        // resnet18's heaviest nodes by FLOPs are convolutions; the first is conv1 (118,013,952 MACs: 64·3·7·7·112·112)
        Assert.Equal("conv1,118013952", rows[1]);
        Assert.Equal(4, rows.Length); // header and 3 nodes (CSV has no totals row)
        var md = CliRunner.RunAt(null, "analyze", "zoo:resnet18", "--top", "3", "--format", "md", "--columns", "name,macs").Out;
        Assert.Contains("### Nodes (top 3 of 69 by FLOPs; totals are of every node)", md, StringComparison.Ordinal);
        Assert.Contains("| **Total** | **1,814.07** |", md, StringComparison.Ordinal); // every node: torchvision's 1.81 GMACs
        var bad = CliRunner.Run("analyze", "zoo:resnet18", "--sort", "macz");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--sort: unknown column 'macz' (did you mean macs?)", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_shows_the_integer_type_itself()
    {
        NodeCost Node(DataType dt) => new() { Name = "n", OpType = "Add", Domain = "", Precision = NodeCostBuilder.FromDataType(dt), Inputs = [new TensorInfo("x", dt, null)] };
        Assert.Equal("int64", Node(DataType.Int64).PrecisionName);
        Assert.Equal("int32", Node(DataType.Int32).PrecisionName);
        Assert.Equal("bool", Node(DataType.Bool).PrecisionName);
        Assert.Equal("fp16", Node(DataType.Float16).PrecisionName);
    }
}

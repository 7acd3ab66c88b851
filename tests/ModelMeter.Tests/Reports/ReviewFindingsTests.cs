using ModelMeter.Cli;
using ModelMeter.Graphs;
using ModelMeter.Reports;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Reports;

/// <summary>Problems found by the review of issues 2 and 7 (docs/notes/review2.md), each pinned by a test.</summary>
public class ReviewFindingsTests
{
    private static CliRunner.Result Run(Model model, params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = Program.Run(args, new CliContext { Out = o, Error = e, Loader = _ => model });
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    private static Model Passthrough() => new()
    {
        Path = "mem:empty",
        IrVersion = 8,
        Opsets = new Dictionary<string, long> { [""] = 17 },
        Graph = new Graph
        {
            Name = "empty",
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([2, 3])))],
            Outputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([2, 3])))],
            Nodes = [],
        },
    };

    private static Model Named(params string[] names) => new()
    {
        Path = "mem:named",
        IrVersion = 8,
        Opsets = new Dictionary<string, long> { [""] = 17 },
        Graph = new Graph
        {
            Name = "named",
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([1, 4])))],
            Outputs = [new ValueInfo("y" + (names.Length - 1), TensorType.Unknown)],
            Nodes = names.Select((n, i) => new Node { Name = n, OpType = "Relu", Inputs = [i == 0 ? "x" : "y" + (i - 1)], Outputs = ["y" + i] }).ToList(),
        },
    };

    [Fact]
    public void Totals_row_says_1_node_not_1_nodes()
    {
        var r = Run(Named("only"), "analyze", "mem:named");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("1 node ", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("1 nodes", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_model_table_without_errors_prints_no_empty_error_line()
    {
        var ok = new ModelOutcome("a.onnx", Analyzer.Analyze(Named("n")), null);
        var table = ModelsTable.Build([ok, ok with { Spec = "b.onnx" }]);
        Assert.Empty(table.Constants);
        Assert.DoesNotContain(table.Columns, c => c.Id == "error");
        Assert.Contains(table.AllColumns, c => c.Id == "error"); // CSV keeps every column
        using var w = new StringWriter();
        MarkdownExporter.WriteTable(table, w);
        Assert.DoesNotContain("Error", w.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(288.0, "M", 1e6, "<0.01")]
    [InlineData(4_000.0, "M", 1e6, "<0.01")]
    [InlineData(5_000.0, "M", 1e6, "0.01")]
    [InlineData(-288.0, "M", 1e6, ">-0.01")]
    [InlineData(0.0, "M", 1e6, "0")]
    public void A_nonzero_value_never_prints_as_zero(double raw, string symbol, double divisor, string expected) =>
        Assert.Equal(expected, new UnitScale(symbol, divisor).Format(raw, UnitKind.Count));

    [Fact]
    public void A_tiny_nonzero_share_is_not_printed_as_0() =>
        Assert.Equal("<0.01", UnitScale.Base(UnitKind.Ratio).Format(0.002, UnitKind.Ratio));

    [Fact]
    public void Zero_node_graph_says_so_instead_of_empty_tables()
    {
        foreach (var format in new[] { "table", "md" })
        {
            var r = Run(Passthrough(), "analyze", "mem:empty", "--format", format);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains("no nodes", r.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("By op type", r.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("0 nodes", r.Out, StringComparison.Ordinal);
        }
        var csv = Run(Passthrough(), "analyze", "mem:empty", "--format", "csv");
        Assert.Single(csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header alone
    }

    [Fact]
    public void Control_characters_in_names_never_reach_the_terminal()
    {
        // an ESC sequence in a node name could recolour, clear or retitle the user's terminal
        const string Evil = "n\u001b[2J\u001b]0;pwned\u0007x";
        var r = Run(Named(Evil), "analyze", "mem:named");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain('\u001b', r.Out);
        Assert.DoesNotContain('\u0007', r.Out);
        Assert.Contains("n\\u001B[2J", r.Out, StringComparison.Ordinal);
        // JSON keeps the exact name
        var json = Run(Named(Evil), "analyze", "mem:named", "--format", "json");
        Assert.Contains("\\u001B[2J", json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ascii_names_survive_every_format()
    {
        const string Name = "卷积层/Conv_ß_é_🙂";
        foreach (var format in new[] { "table", "md", "csv" })
        {
            var r = Run(Named(Name), "analyze", "mem:named", "--format", format);
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains(format == "md" ? "卷积层/Conv\\_ß\\_é\\_🙂" : Name, r.Out, StringComparison.Ordinal);
        }
    }
}

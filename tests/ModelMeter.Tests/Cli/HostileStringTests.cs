using System.Text;
using System.Text.Json;
using ModelMeter.Cli;
using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Model-provided strings reach every output format as text: never markup, never a broken CSV row.</summary>
public class HostileStringTests
{
    private const string Img = "<img src=x onerror=alert(1)>";
    private const string Md = "a|b*c_[x](y)";
    private const string Csv = "\"q\",r\n";

    private static Model Hostile() => new()
    {
        Path = "mem:hostile",
        IrVersion = 8,
        ProducerName = Csv,
        DocString = Img,
        Metadata = new Dictionary<string, string> { [Img] = Md, [Md] = Csv },
        Opsets = new Dictionary<string, long> { [""] = 17 },
        Graph = new Graph
        {
            Name = Img,
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([1, 3, 8, 8])))],
            Outputs = [new ValueInfo("z", TensorType.Unknown)],
            Nodes =
            [
                new Node { Name = Img, OpType = "Relu", Inputs = ["x"], Outputs = ["y1"], DocString = Img },
                new Node { Name = Csv, OpType = Md, Inputs = ["y1"], Outputs = ["y2"] },
                new Node { Name = Md, OpType = "Relu", Inputs = ["x"], Outputs = ["z"] },
            ],
        },
    };

    private static CliRunner.Result Run(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = Program.Run(args, new CliContext { Out = o, Error = e, Loader = _ => Hostile() });
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Console_shows_the_literal_text()
    {
        var r = Run("analyze", "mem:hostile");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains(Img, r.Out, StringComparison.Ordinal);
        Assert.Contains(Md, r.Out, StringComparison.Ordinal);   // [x] is not Spectre markup here
        Assert.Contains("\"q\",r", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_parses_back_to_the_exact_strings()
    {
        var r = Run("analyze", "mem:hostile", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Err);
        var fields = ParseCsv(r.Out).SelectMany(row => row).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(Img, fields);
        Assert.Contains(Md, fields);
        Assert.Contains(Csv, fields);
    }

    /// <summary>A symbolic dim named with markup: it reaches the formula columns, the sweep table and the page as text.</summary>
    [Fact]
    public void A_hostile_dim_name_stays_text_in_formulas_and_sweeps()
    {
        const string sym = Img + Md;
        var model = new Model
        {
            Path = "mem:dims", IrVersion = 8, Opsets = new Dictionary<string, long> { [""] = 17 },
            Graph = new Graph
            {
                Name = "g",
                Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([Dim.Symbol(sym), 3])))],
                Outputs = [new ValueInfo("y", TensorType.Unknown)],
                Nodes = [new Node { Name = "r", OpType = "Relu", Inputs = ["x"], Outputs = ["y"] }],
            },
        };
        CliRunner.Result Go(params string[] args)
        {
            using var o = new StringWriter();
            using var e = new StringWriter();
            var code = Program.Run(args, new CliContext { Out = o, Error = e, Loader = _ => model });
            return new CliRunner.Result(code, o.ToString(), e.ToString());
        }
        var csv = Go("analyze", "mem:dims", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Err);
        Assert.Contains("3*" + sym, ParseCsv(csv.Out).SelectMany(row => row)); // Relu: one FLOP per element, 3·N elements
        var md = Go("analyze", "mem:dims", "--format", "md");
        Assert.DoesNotContain("<img", md.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("a|b", md.Out, StringComparison.Ordinal);
        var sweep = Go("analyze", "mem:dims", "--sweep", sym + "=1,2", "--format", "md");
        Assert.True(sweep.ExitCode == 0, sweep.Err);
        Assert.DoesNotContain("<img", sweep.Out, StringComparison.Ordinal);
        var path = HtmlOutput.TempPath("hostile-dims.html");
        var page = Go("report", "mem:dims", "--sweep", sym + "=1,2", "-o", path);
        Assert.True(page.ExitCode == 0, page.Err);
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        using var data = HtmlOutput.Data(html);
        Assert.Equal(sym, data.RootElement.GetProperty("sweep").GetProperty("dim").GetString());
    }

    [Fact]
    public void Markdown_escapes_tags_and_punctuation()
    {
        var r = Run("analyze", "mem:hostile", "--format", "md");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain("<img", r.Out, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", r.Out, StringComparison.Ordinal);
        Assert.Contains(@"a\|b\*c\_\[x\](y)", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("a|b", r.Out, StringComparison.Ordinal); // an unescaped | would split the table cell
    }

    [Fact]
    public void Json_round_trips_the_strings()
    {
        var r = Run("analyze", "mem:hostile", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(new[] { Img, Csv, Md }, nodes.Select(n => n.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(Md, nodes[1].GetProperty("op_type").GetString());
    }

    [Theory]
    [InlineData("analyze", "--format", "html")]
    [InlineData("analyze", "--format", "html", "--hw", "t4")]
    [InlineData("report", "--hw", "t4,l4")]
    public void Html_holds_the_strings_only_as_escaped_json(params string[] command)
    {
        var path = HtmlOutput.TempPath("hostile.html");
        var r = Run([command[0], "mem:hostile", .. command[1..], "-o", path]);
        Assert.True(r.ExitCode == 0, r.Err);
        var html = File.ReadAllText(path, Encoding.UTF8);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=alert(1)>", html, StringComparison.Ordinal);
        using var data = HtmlOutput.Data(html);
        Assert.Equal(new[] { Img, Csv, Md }, HtmlOutput.Names(data.RootElement));
        Assert.Equal(Md, HtmlOutput.OpType(data.RootElement, 1));
    }

    /// <summary>RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and "" for ".</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || field.Length > 0) { row.Add(field.ToString()); rows.Add(row); }
                    row = []; field.Clear(); any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (any || field.Length > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}

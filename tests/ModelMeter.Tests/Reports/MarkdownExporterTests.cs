using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Tests.Reports;

public class MarkdownExporterTests
{
    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("`x`", "\\`x\\`")]
    [InlineData("<img src=x>", "&lt;img src=x&gt;")]
    [InlineData("*bold* _it_", "\\*bold\\* \\_it\\_")]
    [InlineData("[l](http://x)", "\\[l\\](http://x)")]
    [InlineData("a\nb", "a b")]
    [InlineData("a&amp;", "a&amp;amp;")]
    public void Escape_neutralises_markdown_and_html(string input, string expected) =>
        Assert.Equal(expected, MarkdownExporter.Escape(input));

    [Fact]
    public void Hostile_name_never_reaches_the_markdown_raw()
    {
        var md = new MarkdownExporter().ExportToString(AnalysisReport.From(TestProfiles.Small(TestProfiles.HostileName)));
        Assert.DoesNotContain("<img", md, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", md, StringComparison.Ordinal);
        // every table line has the same number of unescaped pipes as its header: the name did not add a column
        var nodeTable = md.Split('\n').SkipWhile(l => !l.StartsWith("| Node |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(6, nodeTable.Count); // header, rule, 3 nodes, totals
        int Pipes(string l) => System.Text.RegularExpressions.Regex.Count(l, @"(?<!\\)\|");
        Assert.All(nodeTable, l => Assert.Equal(Pipes(nodeTable[0]), Pipes(l)));
    }
}

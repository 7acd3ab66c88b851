using System.Text.Json;
using System.Text.RegularExpressions;
using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Tests.Reports;

/// <summary>The HTML report's embedding rules, checked without a browser.</summary>
public sealed partial class HtmlExporterTests
{
    private const string Hostile = "<img src=x onerror=alert(1)></script><!--\u2028\u2029&'";

    private static HtmlReportData Data() => new()
    {
        Title = Hostile,
        Totals = new HtmlTotals(1, 2, 3, 4, 5, 6, 1, 0),
        Nodes = [new HtmlNode { Name = Hostile, OpType = "</script><script>alert(2)</script>", Flops = 3, MeasuredS = double.NaN }],
        Chips = [new HtmlChip("t4", Hostile, new Dictionary<string, double> { ["fp32"] = 8.1e12, ["bad"] = double.PositiveInfinity }, 320e9,
            [new HtmlChipNode(Hostile, double.NaN, 1, double.PositiveInfinity, "memory")])],
        Diagnostics = [new HtmlDiagnostic("warning", Hostile, Hostile)],
        Command = "modelmeter report " + Hostile,
    };

    [Fact]
    public void EscapeForScriptWritesTheSixCharactersAsUnicodeEscapes()
    {
        Assert.Equal("\"\\u003c/script\\u003e \\u0026 \\u0027 \\u2028\\u2029\"", HtmlExporter.EscapeForScript("\"</script> & ' \u2028\u2029\""));
        // Still the same JSON value.
        Assert.Equal("</script> & ' \u2028\u2029", JsonSerializer.Deserialize<string>(HtmlExporter.EscapeForScript(JsonSerializer.Serialize("</script> & ' \u2028\u2029"))));
    }

    [Fact]
    public void ModelStringsNeverAppearRawInTheHtml()
    {
        var html = HtmlExporter.Render(Data());
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(2)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2028", html, StringComparison.Ordinal);
        // Exactly the two script elements of the template: the data block and the code.
        Assert.Equal(2, ScriptOpen().Count(html));
        Assert.Equal(2, Regex.Count(html, "</script>", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void EmbeddedDataRoundTripsAndNonFiniteNumbersBecomeZero()
    {
        var html = HtmlExporter.Render(Data());
        var m = Regex.Match(html, "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success);
        using var doc = JsonDocument.Parse(m.Groups[1].Value);
        var root = doc.RootElement;
        Assert.Equal(Hostile, root.GetProperty("title").GetString());
        Assert.Equal(Hostile, root.GetProperty("nodes").GetProperty("name")[0].GetString());
        Assert.False(root.GetProperty("nodes").TryGetProperty("measuredS", out _)); // the only measured time was not finite
        var chip = root.GetProperty("chips")[0];
        Assert.False(chip.GetProperty("peaks").TryGetProperty("bad", out _));
        Assert.Equal(0, chip.GetProperty("nodes").GetProperty("timeS")[0].GetDouble());
        Assert.Equal(0, chip.GetProperty("nodes").GetProperty("intensity")[0].GetDouble());
    }

    [Fact]
    public void NoNetworkReferencesAndACspThatForbidsThem()
    {
        var html = HtmlExporter.Render(Data());
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
    }

    [Fact]
    public void WriteIsAtomicAndLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("mm-html-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.html");
            HtmlExporter.Write(Data(), path);
            Assert.Equal([path], Directory.GetFiles(dir.FullName));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [GeneratedRegex("<script[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpen();
}

using System.Globalization;
using System.Text.Json;
using ModelMeter.Cli;
using Xunit;
using static ModelMeter.Browser.Tests.HtmlReportBrowserTests;

namespace ModelMeter.Browser.Tests;

/// <summary>The sweep section of <c>report --sweep</c> in Debian's chromium: one table row and one point per value, equal to the CLI's
/// <c>analyze --sweep --format json</c> for the same choices.</summary>
public sealed class SweepBrowserTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public async Task Sweep_section_draws_every_value_with_the_cli_numbers()
    {
        string[] choice = ["zoo:bert-base", "--sweep", "sequence=64:256:64", "--hw", "t4,l4", "--engine", "tensorrt", "--precision", "fp16"];
        var path = Artifact("sweep-bert.html");
        var (code, _, err) = Cli(["report", .. choice, "-o", path]);
        Assert.True(code == 0, err);
        (code, var json, err) = Cli(["analyze", .. choice, "--format", "json"]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();

        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        Assert.True(await page.Locator("#sweep").IsVisibleAsync());
        var rows = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#sweep-body tr')).map(r => r.getAttribute('data-value'))");
        Assert.Equal(["64", "128", "192", "256"], rows);
        var flops = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('circle.sweep-flops-pt')).map(c => c.getAttribute('data-flops'))");
        Assert.Equal(models.Select(m => m.GetProperty("totals").GetProperty("flops").GetInt64().ToString(CultureInfo.InvariantCulture)), flops);
        foreach (var (chip, k) in new[] { ("t4", 0), ("l4", 1) })
        {
            var latencies = await page.EvaluateAsync<string[]>($"() => Array.from(document.querySelectorAll('circle.sweep-latency-pt[data-chip=\"{chip}\"]')).map(c => c.getAttribute('data-latency-s'))");
            var expected = models.Select(m => m.GetProperty("estimates")[k].GetProperty("latency_s").GetDouble()).ToList();
            Assert.Equal(expected, latencies.Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        }
        var notes = await page.Locator("#sweep-notes").TextContentAsync() ?? "";
        Assert.Contains("Latency on l4: predicted latency under tensorrt at batch 1, precision fp16", notes, StringComparison.Ordinal);
    }
}

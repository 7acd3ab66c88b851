using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ModelMeter.Cli;
using ModelMeter.Tests;
using Xunit;
using static ModelMeter.Browser.Tests.HtmlReportBrowserTests;

namespace ModelMeter.Browser.Tests;

/// <summary>Opens reports written by the <c>report</c> command itself (in-process <see cref="ModelMeter.Cli.Program.Run"/>) in Debian's chromium.</summary>
public sealed class ReportCommandBrowserTests
{
    private static (int Code, string Err) Cli(params string[] args)
    {
        var (code, _, err) = InProcessCli.Run(args);
        return (code, err);
    }

    private static (int Code, string Out, string Err) CliOut(params string[] args) => InProcessCli.Run(args);

    [CorpusFact]
    public async Task Report_command_on_resnet18_renders_two_rooflines_sorts_and_filters()
    {
        var model = Corpus.Path("models", "resnet18.bn.graph-only.onnx");
        var path = Artifact("resnet18-report-command.html");
        var (code, err) = Cli("report", model, "--hw", "t4,a100-80g-sxm", "-o", path);
        Assert.True(code == 0, err);

        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        using var json = JsonDocument.Parse(await page.Locator("#report-data").TextContentAsync() ?? "");
        var nodes = json.RootElement.GetProperty("nodes").GetProperty("name");
        Assert.Equal(69, nodes.GetArrayLength()); // resnet18 with BatchNormalization: 20 Conv + 20 BN + 17 Relu + 8 Add + pools, flatten, Gemm
        Assert.Equal(69, await page.Locator("#node-body tr").CountAsync());
        Assert.Equal(2, await page.Locator("svg.roofline").CountAsync());

        // Sort by the predicted time on the A100 (descending first): rows follow the JSON's per-node times.
        await page.Locator("#node-head th", new() { HasTextString = "Time a100-80g-sxm" }).ClickAsync();
        var (_, estOut, _) = CliOut("analyze", model, "--hw", "a100-80g-sxm", "--format", "json");
        using var est = JsonDocument.Parse(estOut);
        var times = est.RootElement.GetProperty("estimates")[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("time_s").GetDouble()).ToList();
        var order = await page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('#node-body tr')).map(r => +r.getAttribute('data-i'))");
        var sorted = order.Select(i => times[i]).ToList();
        Assert.Equal(sorted.OrderDescending(), sorted);

        await page.SelectOptionAsync("#op-filter", "BatchNormalization");
        Assert.Equal(20, await page.Locator("#node-body tr:not([hidden])").CountAsync());

        // The roofline plots the default engine's fused kernels (the page prices them itself: the CLI's are not embedded): hovering
        // a point of the second chip names its kernel and the nodes it holds; the kernel table lists every kernel of the CLI's forecast.
        var kernels = est.RootElement.GetProperty("estimates")[0].GetProperty("forecast").GetProperty("kernels");
        Assert.Equal("tensorrt", est.RootElement.GetProperty("estimates")[0].GetProperty("engine").GetString());
        Assert.True(kernels.GetArrayLength() < nodes.GetArrayLength(), "BN, ReLU and Add fused away");
        Assert.Equal(kernels.GetArrayLength(), await page.Locator(".chart:nth-of-type(2) details.kernels tr[data-kernel]").CountAsync());
        var point = page.Locator("svg.roofline[data-chip='a100-80g-sxm'] circle.kpt").Last;
        var index = int.Parse(await point.GetAttributeAsync("data-i") ?? "-1", CultureInfo.InvariantCulture);
        await point.HoverAsync();
        Assert.StartsWith(kernels[index].GetProperty("name").GetString() + " (", await page.Locator("#tooltip").TextContentAsync() ?? "", StringComparison.Ordinal);

        Assert.Equal($"modelmeter report {model} --hw t4,a100-80g-sxm -o {path}", await page.Locator("#command").TextContentAsync());
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Artifact("resnet18-report-command.png"), FullPage = true });
        session.AssertClean();
    }

    [CorpusFact]
    public async Task Report_command_with_bench_shows_measured_columns()
    {
        var path = Artifact("squeezenet-bench-report.html");
        var (code, err) = Cli("report", Corpus.Path("models", "squeezenet1_1.fused.onnx"), "--hw", "t4", "--bench", "--runs", "5", "--warmup", "1", "-o", path);
        Assert.True(code == 0, err);

        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        var headers = await page.Locator("#node-head th").AllTextContentsAsync();
        var measuredCol = headers.ToList().IndexOf("Measured");
        Assert.True(measuredCol >= 0, string.Join(" | ", headers));
        Assert.Contains("Measured / predicted", headers);
        var cells = await page.EvaluateAsync<string[]>($"() => Array.from(document.querySelectorAll('#node-body tr')).map(r => r.children[{measuredCol}].textContent)");
        Assert.True(cells.Count(c => c.Length > 0) >= cells.Length - 2, $"{cells.Count(c => c.Length > 0)} of {cells.Length} rows measured");
        Assert.Contains(await page.Locator("#notes li").AllTextContentsAsync(), n => n.Contains("attributed to rows by node name", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#totals .card", new() { HasTextString = "measured on this machine" }).CountAsync());

        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Artifact("squeezenet-bench-report.png"), FullPage = true });
        session.AssertClean();
    }
}

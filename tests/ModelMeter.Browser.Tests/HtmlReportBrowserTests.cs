using System.Text.Json;
using Microsoft.Playwright;
using ModelMeter.Hardware;
using ModelMeter.Onnx;
using ModelMeter.Reports;
using ModelMeter.Tests;
using Xunit;

namespace ModelMeter.Browser.Tests;

/// <summary>Opens generated HTML reports in Debian's chromium (never a downloaded browser) and drives them.</summary>
public sealed class HtmlReportBrowserTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [CorpusFact]
    public async Task Resnet18ReportRendersSortsFiltersAndStaysOffline()
    {
        var data = Resnet18Report();
        var path = Artifact("resnet18-report.html");
        HtmlExporter.Write(data, path);

        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;

        // Row count equals the node count in the embedded JSON (and in the data we wrote).
        var json = JsonDocument.Parse(await page.Locator("#report-data").TextContentAsync() ?? "");
        var jsonNodes = json.RootElement.GetProperty("nodes").GetProperty("count").GetInt32();
        Assert.Equal(data.Nodes.Count, jsonNodes);
        Assert.Equal(jsonNodes, await page.Locator("#node-body tr").CountAsync());

        // Sort by FLOPs: first click descending, second ascending (numeric, not text, order).
        await page.Locator("#node-head th", new() { HasTextString = "FLOPs" }).ClickAsync();
        var order = await RowOrder(page);
        var flops = order.Select(i => data.Nodes[i].Flops).ToList();
        Assert.Equal(flops.OrderDescending(), flops);
        await page.Locator("#node-head th", new() { HasTextString = "FLOPs" }).ClickAsync();
        flops = (await RowOrder(page)).Select(i => data.Nodes[i].Flops).ToList();
        Assert.Equal(flops.Order(), flops);
        Assert.Equal("ascending", await page.Locator("#node-head th", new() { HasTextString = "FLOPs" }).GetAttributeAsync("aria-sort"));

        // Filter by op type, then by name as well.
        var convs = data.Nodes.Count(n => n.OpType == "Conv");
        Assert.True(convs > 0);
        await page.SelectOptionAsync("#op-filter", "Conv");
        Assert.Equal(convs, await page.Locator("#node-body tr:not([hidden])").CountAsync());
        var needle = data.Nodes.First(n => n.OpType == "Conv").Name;
        await page.FillAsync("#name-filter", needle);
        var byName = data.Nodes.Count(n => n.OpType == "Conv" && n.Name.Contains(needle, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(byName, await page.Locator("#node-body tr:not([hidden])").CountAsync());

        // Hover a roofline point: the tooltip names that node; clicking it highlights its row (clearing filters).
        var point = page.Locator("svg.roofline circle.pt").Last; // drawn last = on top
        var index = int.Parse(await point.GetAttributeAsync("data-i") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        await point.HoverAsync();
        var tip = page.Locator("#tooltip");
        Assert.True(await tip.IsVisibleAsync());
        var tipText = await tip.TextContentAsync() ?? "";
        Assert.StartsWith(data.Nodes[index].Name + "\n" + data.Nodes[index].OpType + " · ", tipText, StringComparison.Ordinal);
        await point.ClickAsync();
        Assert.Equal(jsonNodes, await page.Locator("#node-body tr:not([hidden])").CountAsync());
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#node-body tr.hl").GetAttributeAsync("data-i"));

        // The hostile name is text, nothing ran, no element was injected.
        Assert.Equal(Hostile, await page.Locator("#node-body td.name", new() { HasTextString = "onerror" }).TextContentAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Contains("</title>", await page.TitleAsync(), StringComparison.Ordinal);

        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Artifact("resnet18-report.png"), FullPage = true });
        session.AssertClean();
    }

    [Fact]
    public async Task ThousandNodeReportRendersEveryRow()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => new HtmlNode
        {
            Name = $"/blocks.{i / 10}/op_{i}",
            OpType = (i % 4) switch { 0 => "Conv", 1 => "Relu", 2 => "Add", _ => "MatMul" },
            Flops = 1000L * (i + 1) * (i % 4 == 0 ? 100 : 1),
            Macs = 500L * (i + 1),
            BytesRead = 4000 + 10L * i,
            BytesWritten = 4000,
        }).ToList();
        var chip = new HtmlChip("t4", "NVIDIA T4", new Dictionary<string, double> { ["fp32"] = 8.1e12, ["fp16"] = 65e12 }, 320e9,
            nodes.Select(n => new HtmlChipNode(n.Name, (double)n.Flops / (n.BytesRead + n.BytesWritten),
                Math.Min(8.1e12, 320e9 * n.Flops / (n.BytesRead + n.BytesWritten)), Math.Max(n.Flops / 8.1e12, (n.BytesRead + n.BytesWritten) / 320e9), "memory")).ToList());
        var data = new HtmlReportData
        {
            Title = "synthetic-1000",
            Totals = new HtmlTotals(0, nodes.Sum(n => n.Macs), nodes.Sum(n => n.Flops), 0, 0, 0, 1000, 0),
            Nodes = nodes,
            Chips = [chip],
            Command = "test",
        };
        var path = Artifact("synthetic-1000.html");
        HtmlExporter.Write(data, path);
        await using var session = await BrowserSession.OpenAsync(path);
        var ms = await session.Page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
        Assert.Equal(1000, await session.Page.Locator("#node-body tr").CountAsync());
        Assert.Equal(1000, await session.Page.Locator("#graph-view g.gn").CountAsync());
        // the load time is a measurement (bench/, docs/performance.md), not an assertion: CI must pass on a busy machine
        File.WriteAllText(Artifact("synthetic-1000.load-ms.txt"), ms.ToString("F0", System.Globalization.CultureInfo.InvariantCulture));
        session.AssertClean();
    }

    private static HtmlReportData Resnet18Report()
    {
        var model = OnnxReader.Read(Corpus.Path("models", "resnet18.bn.graph-only.onnx"));
        var profile = Analyzer.Analyze(model);
        Assert.True(profile.Totals.UnknownNodes == 0, string.Join(", ", profile.Totals.UnknownOpTypes));
        var chips = HardwareCatalog.Default.GetMany("t4,a100-80g-sxm");
        var measured = profile.Nodes.Where((n, i) => i % 3 == 0).ToDictionary(n => n.Name, n => 1e-5 + n.Flops / 2e12);
        var data = HtmlReportBuilder.FromProfile(profile, chips, "modelmeter report resnet18.bn.graph-only.onnx --hw t4,a100-80g-sxm -o report.html", measured, "test machine");
        // A hostile node, op type, diagnostic and title: all must render as text.
        var evil = new HtmlNode { Name = Hostile, OpType = "<script>alert(2)</script>", Flops = 1000, BytesRead = 100, BytesWritten = 100 };
        return data with
        {
            Title = data.Title + " </title><script>alert(3)</script>",
            Nodes = [.. data.Nodes, evil],
            Chips = data.Chips.Select(c => c with { Nodes = [.. c.Nodes, new HtmlChipNode(Hostile, 5, 1e9, 1e-6, "memory")] }).ToList(),
            Diagnostics = [.. data.Diagnostics, new HtmlDiagnostic("warning", Hostile, "\u2028</script><script>alert(4)</script>&amp;")],
        };
    }

    private static async Task<List<int>> RowOrder(IPage page)
        => [.. await page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('#node-body tr')).map(r => +r.getAttribute('data-i'))")];

    internal static string Artifact(string name)
    {
        var dir = AppContext.BaseDirectory;
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ModelMeter.slnx"))) { dir = Path.Combine(d.FullName, "artifacts", "browser"); break; }
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    internal sealed class BrowserSession : IAsyncDisposable
    {
        private readonly IPlaywright _pw;
        private readonly IBrowser _browser;
        private readonly List<string> _requests = [];
        private readonly List<string> _errors = [];
        private readonly string _url;
        private int _dialogs;

        private BrowserSession(IPlaywright pw, IBrowser browser, IPage page, string url) { _pw = pw; _browser = browser; Page = page; _url = url; }

        public IPage Page { get; }

        public static async Task<BrowserSession> OpenAsync(string path, string fragment = "")
        {
            Assert.True(File.Exists(ChromiumPath), "install Debian's chromium: apt-get install -y chromium");
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            var pw = await Playwright.CreateAsync();
            var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = s_args });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 } });
            var url = new Uri(path).AbsoluteUri; // requests never carry the fragment
            var s = new BrowserSession(pw, browser, page, url);
            page.Request += (_, r) => { lock (s._requests) s._requests.Add(r.Url); };
            page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (s._errors) s._errors.Add(m.Type + ": " + m.Text); };
            page.PageError += (_, e) => { lock (s._errors) s._errors.Add("page error: " + e); };
            page.Dialog += async (_, d) => { Interlocked.Increment(ref s._dialogs); await d.DismissAsync(); };
            await page.GotoAsync(url + fragment, new() { Timeout = 120_000 });
            // a hang guard only (not a speed limit)
            await page.WaitForSelectorAsync("html[data-rendered=true]", new() { Timeout = 120_000 });
            return s;
        }

        public void AssertClean()
        {
            Assert.Empty(_errors);
            Assert.Equal(0, _dialogs);
            Assert.Equal([_url], _requests.Distinct());
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _pw.Dispose();
        }
    }
}

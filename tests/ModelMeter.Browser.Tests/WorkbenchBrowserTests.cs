using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ModelMeter.Cli;
using ModelMeter.Costs;
using ModelMeter.Roofline;
using ModelMeter.Tests;
using Xunit;
using static ModelMeter.Browser.Tests.HtmlReportBrowserTests;

namespace ModelMeter.Browser.Tests;

/// <summary>The report page as a workbench, in Debian's chromium: graph view, node panel, what-if state in the URL fragment, compare;
/// every number the page computes is checked against the CLI's JSON for the same choices.</summary>
public sealed class WorkbenchBrowserTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    /// <summary>The CLI's estimates (<c>analyze --format json</c>) of a model on one chip at one precision, at batches 1, 8 and 64.</summary>
    private static JsonElement[] CliEstimates(string model, string chip, string precision)
    {
        string[] args = ["analyze", model, "--hw", chip, "--batch", "1,8,64", "--format", "json"];
        if (precision != "model") args = [.. args, "--precision", precision];
        var (code, json, err) = Cli(args);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("estimates").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Report(string name, params string[] args)
    {
        var path = Artifact(name);
        var (code, _, err) = Cli(["report", .. args, "-o", path]);
        Assert.True(code == 0, err);
        return path;
    }

    private static double Latency(string? attr) => double.Parse(attr ?? "nan", CultureInfo.InvariantCulture);

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"{what}: CLI {expected:R}, page {actual:R}");

    [Fact]
    public async Task Graph_has_one_element_per_node_and_a_click_shows_the_conv_formula()
    {
        var path = Report("wb-resnet50.html", "zoo:resnet50", "--hw", "t4");
        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        using var data = JsonDocument.Parse(await page.Locator("#report-data").TextContentAsync() ?? "");
        var names = data.RootElement.GetProperty("nodes").GetProperty("name").EnumerateArray().Select(e => e.GetString()!).ToList();
        var drawn = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#graph-view [data-node-name]')).map(g => g.getAttribute('data-node-name'))");
        Assert.Equal(names, drawn);
        Assert.Equal(175, drawn.Length); // resnet50 with BatchNormalization: 53 Conv + 53 BN + 49 Relu + 16 Add + 2 pools + Flatten + Gemm

        // layer1.0.conv2: 3×3 conv, 64 → 64 channels on 56×56; the panel prints `layer conv --explain`'s MACs lines with these numbers.
        await page.Locator("#graph-view [data-node-name='layer1.0.conv2']").ClickAsync();
        var formula = await page.Locator("#node-detail pre.formula").TextContentAsync() ?? "";
        var explain = LayerFormulas.Conv(64, 64, 3, 3, 56, 56).Explain().Split('\n');
        Assert.StartsWith(string.Join("\n", explain[3..6]) + "\n", formula, StringComparison.Ordinal);
        Assert.Contains("= 115,605,504", formula, StringComparison.Ordinal); // 3·3·64·64·56·56, by hand
        Assert.Contains("1×64×56×56, 64×64×3×3", await page.Locator("#node-detail").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#node-detail svg.roofline-one circle.pt").CountAsync()); // its point on the T4 roofline

        // the classifier (Gemm "logits"): fc 2048 → 1000
        await page.Locator("#node-body td.name", new() { HasTextString = "logits" }).ClickAsync(); // a table row centres its node in the graph
        await page.Locator("#graph-wrap").ScrollIntoViewIfNeededAsync();
        await page.Locator("#graph-view [data-node-name='logits']").ClickAsync();
        var fc = await page.Locator("#node-detail pre.formula").TextContentAsync() ?? "";
        Assert.StartsWith(string.Join("\n", LayerFormulas.FullyConnected(2048, 1000).Explain().Split('\n')[3..6]), fc, StringComparison.Ordinal);

        // keyboard: focus the graph, arrow keys move the selection, the panel follows
        await page.Locator("#graph-wrap").FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        var selected = await page.Locator("#graph-view g.gn.sel").GetAttributeAsync("data-node-name");
        Assert.NotEqual("fc", selected);
        Assert.Equal(selected, await page.Locator("#node-detail h3").TextContentAsync());

        // printing hides the interactive parts
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("#graph-wrap").IsVisibleAsync());
        Assert.False(await page.Locator("#whatif").IsVisibleAsync());
        Assert.True(await page.Locator("#node-table").IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Artifact("wb-resnet50.png"), FullPage = true });
        session.AssertClean();
    }

    public static TheoryData<string, string, string> WhatIfCases => new()
    {
        { "zoo:resnet50", "l4", "fp16" },          // symbolic batch: re-bound per batch
        { "zoo:mobilenet_v2", "t4", "model" },
        { "zoo:bert-base", "a100-80g-sxm", "int8" },
    };

    [Theory]
    [MemberData(nameof(WhatIfCases))]
    public async Task What_if_numbers_equal_the_cli_json_at_batch_1_8_64(string model, string chip, string precision)
    {
        var path = Report("wb-whatif-" + model[4..] + ".html", model);
        var expected = CliEstimates(model, chip, precision);
        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        foreach (var e in expected)
        {
            var batch = e.GetProperty("batch").GetInt32();
            await page.EvaluateAsync($"() => {{ location.hash = 'chip={chip}&precision={precision}&batch={batch}'; }}");
            await page.WaitForFunctionAsync($"() => document.getElementById('batch-input').value === '{batch}' && document.getElementById('precision-select').value === '{precision}'");
            Near(e.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), $"{model} {chip} {precision} batch {batch} latency");
            var times = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#graph-view g.gn')).map(g => g.getAttribute('data-time-s'))");
            var cli = e.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("time_s").GetDouble()).ToList();
            Assert.Equal(cli.Count, times.Length);
            for (var i = 0; i < cli.Count; i++) Near(cli[i], Latency(times[i]), $"{model} batch {batch} node {i}");
        }
        session.AssertClean();
    }

    [CorpusFact]
    public async Task A_fixed_batch_model_scales_like_the_cli_and_the_fragment_restores_the_view()
    {
        var model = Corpus.Path("models", "resnet18.bn.graph-only.onnx");
        var path = Report("wb-resnet18-fixed.html", model, "--hw", "t4");
        var expected = CliEstimates(model, "a100-80g-sxm", "bf16");
        var target = expected.Single(e => e.GetProperty("batch").GetInt32() == 8);

        // choose the state with the selectors: the fragment follows
        await using (var session = await BrowserSession.OpenAsync(path))
        {
            var page = session.Page;
            await page.SelectOptionAsync("#chip-select", "a100-80g-sxm");
            await page.SelectOptionAsync("#precision-select", "bf16");
            await page.FillAsync("#batch-input", "8");
            await page.Locator("#batch-input").DispatchEventAsync("change");
            await page.SelectOptionAsync("#color-select", "bound");
            Assert.Equal("#chip=a100-80g-sxm&precision=bf16&batch=8&color=bound", await page.EvaluateAsync<string>("() => location.hash"));
            Near(target.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), "selected");
            session.AssertClean();
        }

        // a link with that fragment reopens the same view
        await using (var session = await BrowserSession.OpenAsync(path, "#chip=a100-80g-sxm&precision=bf16&batch=8&color=bound&node=" + Uri.EscapeDataString("/layer2/layer2.0/conv1/Conv")))
        {
            var page = session.Page;
            Assert.Equal("a100-80g-sxm", await page.InputValueAsync("#chip-select"));
            Assert.Equal("bf16", await page.InputValueAsync("#precision-select"));
            Assert.Equal("8", await page.InputValueAsync("#batch-input"));
            Assert.Equal("bound", await page.InputValueAsync("#color-select"));
            Near(target.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), "restored");
            var selected = await page.Locator("#graph-view g.gn.sel").GetAttributeAsync("data-node-name");
            Assert.Equal(await page.Locator("#node-detail h3").TextContentAsync(), selected);
            foreach (var e in expected) // fixed leading dim 1: the CLI scales linearly; so does the page
            {
                var b = e.GetProperty("batch").GetInt32();
                await page.EvaluateAsync($"() => {{ location.hash = 'chip=a100-80g-sxm&precision=bf16&batch={b}'; }}");
                await page.WaitForFunctionAsync($"() => document.getElementById('batch-input').value === '{b}'");
                Near(e.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), $"batch {b}");
            }
            session.AssertClean();
        }
    }

    [Fact]
    public async Task Compare_two_models_and_one_model_on_two_chips()
    {
        var path = Report("wb-compare.html", "zoo:resnet18", "zoo:resnet34", "--hw", "t4");
        var a = CliEstimates("zoo:resnet18", "t4", "model")[0];
        var b = CliEstimates("zoo:resnet34", "t4", "model")[0];
        await using (var session = await BrowserSession.OpenAsync(path))
        {
            var page = session.Page;
            Assert.True(await page.Locator("#compare").IsVisibleAsync());
            Near(a.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("[data-latency-a-s]").GetAttributeAsync("data-latency-a-s")), "A");
            Near(b.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("[data-latency-b-s]").GetAttributeAsync("data-latency-b-s")), "B");
            // torchvision: resnet18 has 20 convs (incl. 3 downsample), resnet34 36
            var conv = page.Locator("#compare-body tr[data-op='Conv'] td");
            Assert.Equal("20", await conv.Nth(1).TextContentAsync());
            Assert.Equal("36", await conv.Nth(2).TextContentAsync());
            Assert.True(await page.Locator("#compare-body tr[data-node-name]", new() { HasTextString = "(B only)" }).CountAsync() > 0);
            session.AssertClean();
        }

        var one = Report("wb-compare-chips.html", "zoo:resnet18", "--hw", "t4");
        var l4 = CliEstimates("zoo:resnet18", "l4", "model")[0];
        await using (var session = await BrowserSession.OpenAsync(one, "#chip=t4&precision=model&batch=1&chipB=l4"))
        {
            var page = session.Page;
            Assert.True(await page.Locator("#compare").IsVisibleAsync());
            Near(a.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("[data-latency-a-s]").GetAttributeAsync("data-latency-a-s")), "t4");
            Near(l4.GetProperty("latency_s").GetDouble(), Latency(await page.Locator("[data-latency-b-s]").GetAttributeAsync("data-latency-b-s")), "l4");
            session.AssertClean();
        }
    }

    [Fact]
    public async Task A_ten_thousand_node_decoder_has_every_node_and_builds_its_table_when_scrolled_to()
    {
        var model = ModelMeter.Zoo.DecoderBuilder.Build(ModelMeter.Zoo.DecoderBuilder.TinyLlama with { Layers = 770 });
        var dims = new Dictionary<string, long> { ["batch_size"] = 1, ["sequence_length"] = 1, ["past_sequence_length"] = 127, ["total_sequence_length"] = 128 };
        var profile = Analyzer.Analyze(model, new ModelMeter.Shapes.ShapeOptions(Dims: dims));
        Assert.True(profile.Nodes.Count >= 10_000, profile.Nodes.Count.ToString(CultureInfo.InvariantCulture));
        var h100 = ModelMeter.Hardware.HardwareCatalog.Default.Get("h100-sxm");
        var data = ModelMeter.Reports.HtmlReportBuilder.FromProfile(profile, [h100], "test");
        data = data with { WhatIf = ModelMeter.Reports.HtmlWhatIfBuilder.Build(profile, [h100], new ModelMeter.Reports.HtmlWhatIfOptions(Chip: "h100-sxm")) };
        var path = Artifact("wb-decoder-10k.html");
        ModelMeter.Reports.HtmlExporter.Write(data, path);
        Assert.True(new FileInfo(path).Length < 2_000_000, $"{new FileInfo(path).Length} bytes"); // the page's size budget (a size, not a time)

        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        Assert.Equal(profile.Nodes.Count, await page.Locator("#graph-view g.gn[data-node-name]").CountAsync()); // off-screen layers hidden, never absent
        Assert.Equal(0, await page.Locator("#node-body tr").CountAsync()); // deferred until scrolled to
        await page.Locator("#nodes").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#node-body tr').length === {profile.Nodes.Count}");
        var total = Latency(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s"));
        Near(profile.Estimate(h100).LatencyS, total, "10k decoder on h100");
        session.AssertClean();
    }
}

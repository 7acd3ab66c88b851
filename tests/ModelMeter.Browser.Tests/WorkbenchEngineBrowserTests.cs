using System.Globalization;
using System.Text.Json;
using ModelMeter.Cli;
using Xunit;
using static ModelMeter.Browser.Tests.HtmlReportBrowserTests;

namespace ModelMeter.Browser.Tests;

/// <summary>The workbench's engine selector, in Debian's chromium: the page prices the engine's fused kernels itself (Forecaster.Run
/// ported), so its bound, prediction, total and per-kernel times equal <c>analyze --engine … --format json</c> for the same chip,
/// precision, batch and engine.</summary>
public sealed class WorkbenchEngineBrowserTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    private static JsonElement[] CliEstimates(string model, string chip, string precision, string engine, params string[] extra)
    {
        string[] args = ["analyze", model, .. extra, "--hw", chip, "--batch", "1,8", "--format", "json"];
        if (precision != "model") args = [.. args, "--precision", precision];
        if (engine.Length > 0) args = [.. args, "--engine", engine];
        var (code, json, err) = Cli(args);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("estimates").EnumerateArray().Select(e => e.Clone())];
    }

    private static double Seconds(string? attr) => double.Parse(attr ?? "nan", CultureInfo.InvariantCulture);

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"{what}: CLI {expected:R}, page {actual:R}");

    // the zoo models' batch is the symbol 'batch': the page re-binds it as the CLI re-analyses; `--input input=2x…` fixes it at 2, and
    // both scale linearly from there
    public static TheoryData<string, string, string, string, string> EngineCases => new()
    {
        { "zoo:bert-base", "t4", "fp16", "tensorrt", "" },                // attention kernels, GEMM waves on 40 SMs, T4's power-limited clock
        { "zoo:resnet50", "a100-80g-sxm", "model", "onnxruntime-cuda", "" }, // copies inputs and outputs over PCIe every run
        { "zoo:bert-base", "rtx-4090", "fp16", "llama.cpp", "" },        // fp16-accumulate GEMMs: the GeForce fp16-accumulate rate
        { "zoo:resnet50", "l4", "int8", "migraphx", "" },                // AMD only: TensorRT is used, the total stays the node roofline
        { "zoo:mobilenet_v2", "h100-pcie", "bf16", "", "" },             // none given: node roofline, TensorRT assumed beside it
        { "zoo:mobilenet_v2", "xeon-8480", "model", "onnxruntime-cpu", "" }, // a CPU: no waves, no copies
        { "zoo:resnet50", "h100-pcie", "fp16", "onnxruntime-cuda", "--input input=2x3x224x224" }, // fixed batch 2: scaled linearly
    };

    [Theory]
    [MemberData(nameof(EngineCases))]
    public async Task Engine_bound_prediction_and_kernels_equal_the_cli_json_at_batch_1_and_8(string model, string chip, string precision, string engine, string input)
    {
        string[] extra = input.Length > 0 ? input.Split(' ') : [];
        var path = Artifact("wb-engine-" + model[4..] + (extra.Length > 0 ? "-fixed" : "") + ".html");
        var (rc, _, err) = Cli(["report", model, .. extra, "-o", path]);
        Assert.True(rc == 0, err);
        var expected = CliEstimates(model, chip, precision, engine, extra);
        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        foreach (var e in expected)
        {
            var batch = e.GetProperty("batch").GetInt32();
            var what = $"{model} {chip} {precision} {engine} batch {batch}";
            await page.EvaluateAsync($"() => {{ location.hash = 'chip={chip}&precision={precision}&batch={batch}&engine={engine}'; }}");
            await page.WaitForFunctionAsync($"() => document.getElementById('batch-input').value === '{batch}' && document.getElementById('engine-select').value === '{engine}' && document.getElementById('chip-select').value === '{chip}'");
            var total = page.Locator("#total-latency");
            var assumed = e.GetProperty("engine_assumed").GetBoolean();
            Assert.Equal(e.GetProperty("engine").GetString() + (assumed ? " (default)" : ""), await total.GetAttributeAsync("data-engine"));
            Assert.Equal(engine.Length > 0 && engine != "migraphx", !assumed); // the catalog says who runs where; the case list must agree
            Near(e.GetProperty("latency_s").GetDouble(), Seconds(await total.GetAttributeAsync("data-total-latency-s")), what + " latency");
            Near(e.GetProperty("bound_latency_s").GetDouble(), Seconds(await total.GetAttributeAsync("data-bound-latency-s")), what + " bound");
            Near(e.GetProperty("predicted_latency_s").GetDouble(), Seconds(await total.GetAttributeAsync("data-predicted-latency-s")), what + " predicted");
            var cli = e.GetProperty("forecast").GetProperty("kernels").EnumerateArray().ToList();
            var rows = await page.EvaluateAsync<string[][]>("() => Array.from(document.querySelectorAll('#roofline-charts > .chart:first-child tr[data-kernel]')).map(r => [r.getAttribute('data-kernel'), r.getAttribute('data-bound-s'), r.getAttribute('data-predicted-s'), r.children[2].textContent])");
            Assert.Equal(cli.Count, rows.Length);
            for (var i = 0; i < cli.Count; i++)
            {
                var k = cli[i];
                Assert.Equal(k.GetProperty("name").GetString(), rows[i][0]);
                Assert.Equal(string.Join(", ", k.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())), rows[i][3]);
                if (k.GetProperty("bound_s").GetDouble() == 0) Assert.Equal("0", rows[i][1]);
                else Near(k.GetProperty("bound_s").GetDouble(), Seconds(rows[i][1]), $"{what} kernel {i} bound");
                if (k.GetProperty("predicted_s").GetDouble() == 0) Assert.Equal("0", rows[i][2]);
                else Near(k.GetProperty("predicted_s").GetDouble(), Seconds(rows[i][2]), $"{what} kernel {i} predicted");
            }
            // the graph draws a box around every kernel of more than one node
            var boxes = await page.Locator("#graph-kernels rect.kernel").CountAsync();
            Assert.Equal(cli.Count(k => k.GetProperty("nodes").GetArrayLength() > 1), boxes);
        }
        session.AssertClean();
    }

    [Fact]
    public async Task The_report_engine_opens_selected_and_the_fragment_restores_the_engine()
    {
        var path = Artifact("wb-engine-resnet18.html");
        var (rc, _, err) = Cli(["report", "zoo:resnet18", "--hw", "t4", "--engine", "onnxruntime-cuda", "-o", path]);
        Assert.True(rc == 0, err);
        var ort = CliEstimates("zoo:resnet18", "t4", "model", "onnxruntime-cuda")[0];
        await using (var session = await BrowserSession.OpenAsync(path))
        {
            var page = session.Page;
            Assert.Equal("onnxruntime-cuda", await page.InputValueAsync("#engine-select")); // the report's --engine
            Near(ort.GetProperty("latency_s").GetDouble(), Seconds(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), "opened");
            await page.SelectOptionAsync("#engine-select", "pytorch-eager");
            Assert.Equal("#chip=t4&precision=model&batch=1&engine=pytorch-eager&color=time", await page.EvaluateAsync<string>("() => location.hash"));
            await page.SelectOptionAsync("#engine-select", "");
            Assert.Equal("#chip=t4&precision=model&batch=1&color=time", await page.EvaluateAsync<string>("() => location.hash"));
            Assert.Equal("tensorrt (default)", await page.Locator("#total-latency").GetAttributeAsync("data-engine"));
            session.AssertClean();
        }
        var eager = CliEstimates("zoo:resnet18", "l4", "fp16", "pytorch-eager")[1];
        await using (var session = await BrowserSession.OpenAsync(path, "#chip=l4&precision=fp16&batch=8&engine=pytorch-eager"))
        {
            var page = session.Page;
            Assert.Equal("pytorch-eager", await page.InputValueAsync("#engine-select"));
            Assert.Equal("8", await page.InputValueAsync("#batch-input"));
            Near(eager.GetProperty("latency_s").GetDouble(), Seconds(await page.Locator("#total-latency").GetAttributeAsync("data-total-latency-s")), "restored");
            Near(eager.GetProperty("predicted_latency_s").GetDouble(), Seconds(await page.Locator("#total-latency").GetAttributeAsync("data-predicted-latency-s")), "restored prediction");
            session.AssertClean();
        }
    }

    [Fact]
    public async Task Compare_totals_follow_the_selected_engine()
    {
        var path = Artifact("wb-engine-compare.html");
        var (rc, _, err) = Cli("report", "zoo:resnet18", "zoo:resnet34", "--hw", "t4", "-o", path);
        Assert.True(rc == 0, err);
        var a = CliEstimates("zoo:resnet18", "t4", "fp16", "tensorrt")[1]; // batch 8
        var b = CliEstimates("zoo:resnet34", "t4", "fp16", "tensorrt")[1];
        await using var session = await BrowserSession.OpenAsync(path, "#chip=t4&precision=fp16&batch=8&engine=tensorrt");
        var page = session.Page;
        Near(a.GetProperty("predicted_latency_s").GetDouble(), Seconds(await page.Locator("[data-latency-a-s]").GetAttributeAsync("data-latency-a-s")), "A under tensorrt");
        Near(b.GetProperty("predicted_latency_s").GetDouble(), Seconds(await page.Locator("[data-latency-b-s]").GetAttributeAsync("data-latency-b-s")), "B under tensorrt");
        Assert.Contains("latency (tensorrt predicted)", await page.Locator("#compare-body").TextContentAsync() ?? "", StringComparison.Ordinal);
        // the header's prediction note names the what-if's choice, not the report's own (batch 1, the model's precision)
        Assert.Contains("Predictions at batch 8, precision fp16 (what-if), under tensorrt", await page.Locator("#notes").TextContentAsync() ?? "", StringComparison.Ordinal);
        // no engine chosen: the node roofline, as analyze --hw without --engine
        await page.EvaluateAsync("() => { location.hash = 'chip=t4&precision=fp16&batch=8&engine='; }");
        await page.WaitForFunctionAsync("() => document.getElementById('engine-select').value === ''");
        Near(a.GetProperty("node_roofline_latency_s").GetDouble(), Seconds(await page.Locator("[data-latency-a-s]").GetAttributeAsync("data-latency-a-s")), "A, node roofline");
        session.AssertClean();
    }
}

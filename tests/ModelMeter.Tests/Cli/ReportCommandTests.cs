using System.Text.Json;
using ModelMeter.Cli.Commands;
using ModelMeter.Cli.Internals;
using Xunit;

namespace ModelMeter.Tests.Cli;

public class ReportCommandTests
{
    [CorpusFact]
    public void Report_on_two_chips_has_every_node_both_rooflines_and_the_command()
    {
        var model = Corpus.Path("models", "resnet18.bn.graph-only.onnx");
        var path = HtmlOutput.TempPath("r18.html");
        var r = CliRunner.Run("report", model, "--hw", "t4,a100-80g-sxm", "-o", path);
        Assert.True(r.ExitCode == 0, r.Err);
        using var data = HtmlOutput.Data(File.ReadAllText(path));
        var root = data.RootElement;

        // The rows are the analysis of the model: same node count and names as `analyze --format json`.
        var a = CliRunner.Run("analyze", model, "--format", "json");
        using var analysis = JsonDocument.Parse(a.Out);
        var names = analysis.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names, HtmlOutput.Names(root));
        Assert.Equal(11_689_512, root.GetProperty("totals").GetProperty("params").GetInt64()); // torchvision resnet18

        // One roofline per chip, in order; the page's what-if offers them first (then the rest of the catalog), opens on the first,
        // and applies the peak `analyze --hw` uses (the page's times equal the CLI's: ReportCommandBrowserTests / WorkbenchBrowserTests).
        var chips = root.GetProperty("chips");
        Assert.Equal(new[] { "t4", "a100-80g-sxm" }, chips.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray());
        var whatIf = root.GetProperty("whatIf");
        Assert.Equal(new[] { "t4", "a100-80g-sxm" }, whatIf.GetProperty("chips").EnumerateArray().Take(2).Select(c => c.GetProperty("id").GetString()!).ToArray());
        Assert.Equal("t4", whatIf.GetProperty("chip").GetString());
        var est = CliRunner.Run("analyze", model, "--hw", "t4", "--format", "json");
        using var estDoc = JsonDocument.Parse(est.Out);
        var conv = estDoc.RootElement.GetProperty("estimates")[0].GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("op_type").GetString() == "Conv");
        var rate = whatIf.GetProperty("chips")[0].GetProperty("rates").GetProperty("fp32:tensor");
        Assert.Equal(conv.GetProperty("peak_flops_per_s").GetDouble(), rate.GetProperty("flopsPerS").GetDouble());

        Assert.Equal($"modelmeter report {model} --hw t4,a100-80g-sxm -o {path}", root.GetProperty("command").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("toolVersion").GetString()));
        Assert.Contains("wrote " + path, r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_output_is_the_model_name_with_report_html() =>
        Assert.Equal(["resnet18.bn.report.html", "resnet50.report.html"],
            new[] { ReportCommand.DefaultOutput("/m/resnet18.bn.onnx"), ReportCommand.DefaultOutput("zoo:resnet50") });

    [Theory]
    [InlineData("plain-arg_1.onnx", "plain-arg_1.onnx")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("<img src=x>", "'<img src=x>'")]
    public void Command_line_is_quoted_for_a_posix_shell(string arg, string quoted) =>
        Assert.Equal(quoted, CommandLineText.Quote(arg));

    [Theory]
    [InlineData("analyze", "mem:tiny", "--plot", "r.png")]                 // --plot needs --hw
    [InlineData("analyze", "mem:tiny", "--hw", "t4", "--plot", "r.jpg")]  // png or svg only
    [InlineData("report", "mem:tiny", "--precision", "fp16")]            // what-if needs --hw
    [InlineData("report", "mem:tiny", "--runs", "3")]                    // bench options need --bench
    [InlineData("report", "mem:tiny", "--bench", "--hw", "t4", "--batch", "4")]
    public void Inconsistent_options_are_usage_errors(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("modelmeter: ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_plot_writes_one_svg_per_chip_with_the_fp16_ceiling()
    {
        var path = HtmlOutput.TempPath("roof.svg");
        var r = CliRunner.Run("analyze", "mem:tiny", "--dim", "batch=64", "--hw", "t4,l4", "--plot", path, "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        var second = Path.Combine(Path.GetDirectoryName(path)!, "roof.l4.svg");
        foreach (var p in new[] { path, second })
        {
            var svg = System.Xml.Linq.XDocument.Load(p); // well-formed
            Assert.Contains("fp16", svg.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("report")]
    [InlineData("analyze", "--format", "html")]
    [InlineData("analyze", "--format", "html", "--hw", "t4")]
    public void A_failing_run_leaves_no_output_and_keeps_an_existing_file(params string[] command)
    {
        var dir = Directory.CreateTempSubdirectory("mm-fail-").FullName;
        var bad = Path.Combine(dir, "bad.onnx");
        File.WriteAllBytes(bad, [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]); // field 1, length beyond the end
        var fresh = Path.Combine(dir, "fresh.html");
        var r = CliRunner.Run([command[0], bad, .. command[1..], "-o", fresh]);
        Assert.Equal(3, r.ExitCode);
        Assert.False(File.Exists(fresh));
        var existing = Path.Combine(dir, "existing.html");
        File.WriteAllText(existing, "old");
        r = CliRunner.Run([command[0], bad, .. command[1..], "-o", existing]);
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("old", File.ReadAllText(existing));
        Assert.Equal(new[] { "bad.onnx", "existing.html" }, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray()); // no temp file left
    }

    [Fact]
    public void Llm_html_has_prefill_then_decode_rows_on_the_chip()
    {
        var path = HtmlOutput.TempPath("llm.html");
        var r = CliRunner.Run("llm", "gpt2", "--hw", "t4", "--prompt", "128", "--generate", "16", "--format", "html", "-o", path);
        Assert.True(r.ExitCode == 0, r.Err);
        var j = CliRunner.Run("llm", "gpt2", "--hw", "t4", "--prompt", "128", "--generate", "16", "--format", "json");
        using var json = JsonDocument.Parse(j.Out);
        var est = json.RootElement.GetProperty("estimates");
        using var data = HtmlOutput.Data(File.ReadAllText(path));
        var nodes = HtmlOutput.Names(data.RootElement);
        Assert.Equal(est[0].GetProperty("nodes").GetArrayLength(), nodes.Count(n => n.StartsWith("prefill/", StringComparison.Ordinal)));
        Assert.Equal(est[1].GetProperty("nodes").GetArrayLength(), nodes.Count(n => n.StartsWith("decode/", StringComparison.Ordinal)));
        Assert.Equal(nodes.Count, data.RootElement.GetProperty("chips")[0].GetProperty("nodes").GetProperty("timeS").GetArrayLength());
        Assert.Equal(124_439_808, data.RootElement.GetProperty("totals").GetProperty("params").GetInt64()); // GPT-2 small, tied embeddings
    }

    [CorpusFact]
    public void Report_with_bench_has_measured_times_for_the_rows_ort_ran()
    {
        var path = HtmlOutput.TempPath("sq.html");
        static int StrayProfiles() => Directory.GetFiles(Environment.CurrentDirectory, "onnxruntime_profile_*.json").Length;
        var stray = StrayProfiles();
        var r = CliRunner.Run("report", Corpus.Path("models", "squeezenet1_1.fused.onnx"), "--hw", "t4", "--bench", "--runs", "3", "--warmup", "1", "--threads", "1", "-o", path);
        Assert.True(r.ExitCode == 0, r.Err);
        using var data = HtmlOutput.Data(File.ReadAllText(path));
        var root = data.RootElement;
        var nodes = root.GetProperty("nodes").GetProperty("measuredS").EnumerateArray().ToList();
        var measured = nodes.Count(m => m.ValueKind == JsonValueKind.Number && m.GetDouble() > 0);
        Assert.True(measured >= nodes.Count - 2, $"{measured} of {nodes.Count} rows measured");
        Assert.True(root.GetProperty("measuredLatencyS").GetDouble() > 0);
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("(100.0%) attributed", StringComparison.Ordinal));
        Assert.Equal(stray, StrayProfiles()); // ONNX Runtime's profile went to the bench's temporary folder, not the current one
    }
}

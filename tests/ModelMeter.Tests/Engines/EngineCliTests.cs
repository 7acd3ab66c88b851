using System.Text.Json;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Engines;

/// <summary><c>engine list|show</c>, <c>--engine</c> on analyze and llm, and the JSON fields of the forecast.</summary>
public sealed class EngineCliTests
{
    static readonly string[] s_engines = ["tensorrt", "onnxruntime-cuda", "onnxruntime-cpu", "pytorch-eager", "tensorrt-llm", "vllm", "llama.cpp"];

    [Fact]
    public void ListAndShowEveryEngineWithSources()
    {
        var list = CliRunner.Run("engine", "list", "--format", "json");
        Assert.Equal(0, list.ExitCode);
        using var doc = JsonDocument.Parse(list.Out);
        var ids = doc.RootElement.GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.All(s_engines, id => Assert.Contains(id, ids));
        foreach (var id in ids.OfType<string>())
        {
            var show = CliRunner.Run("engine", "show", id, "--format", "md");
            Assert.Equal(0, show.ExitCode);
            Assert.Contains("fusion: epilogues", show.Out, StringComparison.Ordinal);
            Assert.Contains("kernel gap", show.Out, StringComparison.Ordinal);
            Assert.Contains("mamf-finder", show.Out, StringComparison.Ordinal); // the chip factors' sources come along
        }
    }

    [Fact]
    public void EngineHelpNamesEveryCatalogEngineInOrder()
    {
        // the --engine help text is written out (no catalog parse at start-up): it must stay the catalog's list
        var catalog = ModelMeter.Engines.EngineCatalog.Default.Engines.Select(e => e.Id).ToArray();
        Assert.Equal(catalog, ModelMeter.Cli.Internals.HardwareOptions.EngineIds);
        var help = CliRunner.Run("analyze", "--help");
        Assert.Contains(string.Join("|", catalog), help.Out.ReplaceLineEndings("").Replace("  ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("engine", "show", "tensorrtx")]
    [InlineData("analyze", "zoo:resnet18", "--hw", "t4", "--engine", "bogus")]
    [InlineData("llm", "llama-2-7b", "--hw", "a100-80g-sxm", "--engine", "bogus")]
    public void UnknownEngineExitsTwoAndListsTheEngines(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.All(s_engines, id => Assert.Contains(id, r.Err, StringComparison.Ordinal));
        Assert.Contains("unknown engine", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeJsonCarriesBoundPredictionAndKernels()
    {
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "l4", "--precision", "int8", "--batch", "1,8", "--engine", "tensorrt", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        foreach (var e in doc.RootElement.GetProperty("estimates").EnumerateArray())
        {
            Assert.Equal("tensorrt", e.GetProperty("engine").GetString());
            double bound = e.GetProperty("bound_latency_s").GetDouble(), predicted = e.GetProperty("predicted_latency_s").GetDouble();
            Assert.True(bound > 0 && bound <= predicted);
            Assert.Equal(predicted, e.GetProperty("latency_s").GetDouble());
            var kernels = e.GetProperty("forecast").GetProperty("kernels");
            Assert.Equal(56, kernels.GetArrayLength());
            Assert.Equal(["conv1", "bn1", "bn1.act"], kernels[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        }
    }

    [Fact]
    public void CsvAndMarkdownListTheKernelsAndTheirNodes()
    {
        foreach (var format in new[] { "csv", "md" })
        {
            var r = CliRunner.Run(format == "csv" ? ["analyze", "zoo:resnet18", "--hw", "t4", "--format", format, "--kernels"] : ["analyze", "zoo:resnet18", "--hw", "t4", "--format", format]);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("layer1.0.conv2", r.Out, StringComparison.Ordinal);
            Assert.Contains("layer1.0.add", r.Out, StringComparison.Ordinal); // the residual add, inside its convolution's kernel
            Assert.Contains(format == "csv" ? "kernel,kind,nodes," : "tensorrt (default)", r.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LlmJsonCarriesPredictedTtftTpotAndTokensPerSecond()
    {
        var r = CliRunner.Run("llm", "llama-2-7b", "--hw", "h100-sxm", "--batch", "1,16", "--prompt", "512", "--generate", "64", "--engine", "tensorrt-llm", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        foreach (var b in doc.RootElement.GetProperty("llm").GetProperty("batches").EnumerateArray())
        {
            Assert.Equal("tensorrt-llm", b.GetProperty("engine").GetString());
            double tpot = b.GetProperty("predicted_tpot_s").GetDouble();
            Assert.True(b.GetProperty("bound_tpot_s").GetDouble() <= tpot);
            Assert.True(b.GetProperty("bound_ttft_s").GetDouble() <= b.GetProperty("predicted_ttft_s").GetDouble());
            Assert.Equal(b.GetProperty("batch").GetInt32() / tpot, b.GetProperty("predicted_tokens_per_s").GetDouble(), 6);
        }
    }
}

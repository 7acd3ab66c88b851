using System.Text.Json;
using ModelMeter.Llm;
using ModelMeter.Tests.Checkpoints;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Llm;

/// <summary>The serving simulation against hand-computed schedules, and the checkpoint path through the CLI.</summary>
public sealed class ServeSimulatorTests
{
    /// <summary>Every step takes 10 ms whatever it holds.</summary>
    private sealed class Constant : ILlmStepTime
    {
        public int Calls;
        public double Seconds(int prefillTokens, int decodeSequences, long meanDecodeContext) { Calls++; return 0.010; }
    }

    private static LlmServeOptions Opts(double rate, int n, int prompt, int output, long kv = 1_000_000, int budget = 2048)
        => new(rate, n, LlmLengthDistribution.Parse($"fixed:{prompt}", "--prompt-dist"), LlmLengthDistribution.Parse($"fixed:{output}", "--output-dist"),
            MaxBatchedTokens: budget, KvCapacityTokens: kv);

    [Fact]
    public void OneRequestTakesOneStepPerToken()
    {
        // prompt 100 fits the budget: one prefill step yields token 1, then 9 decode steps
        var r = LlmServeSimulator.Run(Opts(0.001, 1, 100, 10), new Constant());
        Assert.Equal(0.010, r.Ttft.P50, 9);
        Assert.Equal(0.010, r.Tpot.P50, 9);
        Assert.Equal(0.100, r.EndToEnd.P50, 9);
        Assert.Equal(10, r.Steps);
    }

    [Fact]
    public void ChunkedPrefillSplitsLongPrompts()
    {
        // prompt 5000 with a 2048-token budget: chunks of 2048, 2048, 904, so the first token comes after 3 steps
        var r = LlmServeSimulator.Run(Opts(0.001, 1, 5000, 2, budget: 2048), new Constant());
        Assert.Equal(0.030, r.Ttft.P50, 9);
    }

    [Fact]
    public void KvCapacityBoundsConcurrency()
    {
        // each request needs (112 + 16) / 16 = 8 blocks; 20 blocks hold 2 requests at a time
        var r = LlmServeSimulator.Run(Opts(1000, 20, 112, 16, kv: 20 * 16), new Constant());
        Assert.Equal(2, r.MaxConcurrency);
        Assert.Equal(2, r.KvBoundConcurrency);
        Assert.Throws<ModelMeterException>(() => LlmServeSimulator.Run(Opts(1, 1, 1000, 16, kv: 512), new Constant()));
    }

    [Fact]
    public void SameSeedSameResult()
    {
        var o = Opts(5, 100, 1, 1) with
        {
            Prompt = LlmLengthDistribution.Parse("uniform:50-500", "p"), Output = LlmLengthDistribution.Parse("exp:50", "o"), Seed = 7,
        };
        Assert.Equal(LlmServeSimulator.Run(o, new Constant()), LlmServeSimulator.Run(o, new Constant()));
        Assert.NotEqual(LlmServeSimulator.Run(o, new Constant()).DurationS, LlmServeSimulator.Run(o with { Seed = 8 }, new Constant()).DurationS);
    }

    [Fact]
    public void MixedStepReadsWeightsOnce()
    {
        var c = LlmConfigLoader.BuiltIn("llama-2-7b");
        var chip = new LlmChip
        {
            Name = "x", TensorPeak = new Dictionary<ModelMeter.Costs.Precision, double> { [ModelMeter.Costs.Precision.Fp16] = 1e15 },
            VectorPeak = 1e14, MemoryBandwidth = 2e12, MemoryBytes = 80_000_000_000,
        };
        var m = LlmStepModel.Roofline(c, default, chip);
        double p = m.Seconds(256, 0, 0), d = m.Seconds(0, 32, 1024), both = m.Seconds(256, 32, 1024);
        Assert.True(both < p + d, $"{both} < {p} + {d}");
        Assert.True(both >= Math.Max(p, d));
        // one decode step of 32 sequences streams the 13.5 GB of fp16 weights at least once
        Assert.True(d >= LlmProfiler.WeightBytesPerChip(c, default) / 2e12);
    }

    [Fact]
    public void CliReadsGgufAndServes()
    {
        using var dir = new TempDir();
        var path = dir.File("llama-2-7b.Q4_0.gguf");
        GgufTests.Llama2Q4_0().Write(path);
        var r = CliRunner.Run("llm", path, "--hw", "t4", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var llm = doc.RootElement.GetProperty("llm");
        Assert.Equal(6_738_415_616, llm.GetProperty("params_total").GetInt64());
        long stored = (6_476_005_376L + 131_072_000) / 32 * 18 + 131_072_000L / 256 * 210 + 65 * 4096 * 4;
        Assert.Equal(stored, llm.GetProperty("batches")[0].GetProperty("weight_bytes").GetInt64());
        var s = CliRunner.Run("llm", path, "--hw", "t4", "--serve", "--rate", "0.5,2", "--requests", "20", "--format", "json");
        Assert.True(s.ExitCode == 0, s.Err);
        using var sd = JsonDocument.Parse(s.Out);
        Assert.Equal(2, sd.RootElement.GetProperty("results").GetArrayLength());
    }
}

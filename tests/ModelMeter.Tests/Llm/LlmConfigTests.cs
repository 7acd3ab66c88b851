using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

public class LlmConfigTests
{
    // Published totals: model cards / papers (Llama 2 paper, Meta Llama 3 card, Mistral and Mixtral papers, Qwen2.5 and
    // Phi-3 cards, GPT-2 124M).
    [Theory]
    [InlineData("gpt2", 124e6)]
    [InlineData("llama-2-7b", 6.74e9)]
    [InlineData("llama-2-70b", 69.0e9)]
    [InlineData("llama-3-8b", 8.03e9)]
    [InlineData("llama-3-70b", 70.6e9)]
    [InlineData("mistral-7b", 7.24e9)]
    [InlineData("mixtral-8x7b", 46.7e9)]
    [InlineData("qwen2.5-7b", 7.61e9)]
    [InlineData("phi-3-mini", 3.82e9)]
    public void BuiltInParamsMatchPublishedTotals(string name, double published)
    {
        var p = LlmParamCount.Of(LlmConfigLoader.BuiltIn(name));
        Assert.InRange(p.Total / published, 0.995, 1.005);
    }

    [Fact]
    public void MixtralActiveParamsAre12Point9B()
    {
        var p = LlmParamCount.Of(LlmConfigLoader.BuiltIn("mixtral-8x7b"));
        Assert.InRange(p.Active / 12.9e9, 0.995, 1.005);
    }

    [Fact]
    public void ExactCountsForLlama2And3()
    {
        // by hand: 32 × (4·4096² + 3·4096·11008 + 2·4096) + 2·32000·4096 + 4096
        Assert.Equal(6_738_415_616, LlmParamCount.Of(LlmConfigLoader.BuiltIn("llama-2-7b")).Total);
        Assert.Equal(8_030_261_248, LlmParamCount.Of(LlmConfigLoader.BuiltIn("llama-3-8b")).Total);
    }

    [Fact]
    public void BuiltInListHasTheNineRequiredConfigsWithSources()
    {
        foreach (var n in new[] { "gpt2", "llama-2-7b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "mistral-7b", "mixtral-8x7b", "qwen2.5-7b", "phi-3-mini" })
        {
            Assert.Contains(n, LlmConfigLoader.BuiltInNames);
            Assert.StartsWith("https://huggingface.co/", LlmConfigLoader.BuiltIn(n).Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gpt2NamesLearnedPositionsTiedEmbeddingsPlainMlp()
    {
        var c = LlmConfigLoader.BuiltIn("gpt2");
        Assert.Equal((768, 12, 12, 3072, 1024), (c.Hidden, c.Layers, c.Heads, c.Intermediate, c.LearnedPositionRows));
        Assert.True(c.TieEmbeddings);
        Assert.False(c.GatedMlp);
        Assert.Equal(NormKind.LayerNorm, c.Norm);
        Assert.Equal(124_439_808, LlmParamCount.Of(c).Total); // HF GPT2LMHeadModel num_parameters()
    }

    [Fact]
    public void GptNeoXPythia160mMatchesThePythiaPaper()
    {
        // Pythia paper (Biderman et al. 2023), Table 1: pythia-160m has 162,322,944 parameters
        const string json = """
        { "model_type": "gpt_neox", "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
          "intermediate_size": 3072, "vocab_size": 50304, "max_position_embeddings": 2048, "rotary_pct": 0.25,
          "use_parallel_residual": true, "layer_norm_eps": 1e-5, "tie_word_embeddings": false, "hidden_act": "gelu" }
        """;
        var c = LlmConfigLoader.Parse(json, "pythia-160m", "pythia.json");
        Assert.Equal(0.25, c.RotaryFraction);
        Assert.True(c.ParallelResidual);
        Assert.Equal(162_322_944, LlmParamCount.Of(c).Total);
    }

    [Fact]
    public void OptUsesFfnDimAndOffsetPositions()
    {
        const string json = """
        { "model_type": "opt", "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "ffn_dim": 3072,
          "vocab_size": 50272, "max_position_embeddings": 2048, "activation_function": "relu", "enable_bias": true }
        """;
        var c = LlmConfigLoader.Parse(json, "opt-125m", "opt.json");
        Assert.Equal(3072, c.Intermediate);
        Assert.Equal(2050, c.LearnedPositionRows);
        Assert.InRange(LlmParamCount.Of(c).Total / 125e6, 0.995, 1.005); // OPT-125M
    }

    [Fact]
    public void UnknownModelTypeWithStandardFieldsWorks()
    {
        const string json = """
        { "model_type": "brand_new_lm", "hidden_size": 1024, "num_hidden_layers": 4, "num_attention_heads": 16,
          "num_key_value_heads": 4, "intermediate_size": 2816, "vocab_size": 1000, "rms_norm_eps": 1e-6 }
        """;
        var c = LlmConfigLoader.Parse(json, "x", "x.json");
        Assert.True(c.GatedMlp);
        Assert.Equal(64, c.HeadDim);
        Assert.Equal(256, c.KvWidth);
    }

    [Fact]
    public void MissingRequiredFieldNamesFieldAndFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "config.json");
        File.WriteAllText(path, """{ "model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32, "intermediate_size": 11008 }""");
        var e = Assert.Throws<ModelMeterException>(() => LlmConfigLoader.Load(path));
        Assert.Equal(ErrorKind.BadModel, e.Kind);
        Assert.Contains("vocab_size", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        dir.Delete(true);
    }

    [Fact]
    public void UnknownNameIsUsageError()
        => Assert.Equal(ErrorKind.Usage, Assert.Throws<ModelMeterException>(() => LlmConfigLoader.Resolve("no-such-model-xyz")).Kind);

    [Fact]
    public void QwenDisablesSlidingWindowAndMistralKeepsIt()
    {
        Assert.Null(LlmConfigLoader.BuiltIn("qwen2.5-7b").SlidingWindow);
        Assert.Equal(4096, LlmConfigLoader.BuiltIn("mistral-7b").SlidingWindow);
    }

    [Theory]
    [InlineData("w4a16", null, 4.125, 16, 16)]
    [InlineData("w8a8", "int8", 8.0, 8, 8)]
    [InlineData("fp8", "fp8", 8.0, 8, 8)]
    public void QuantParsing(string q, string? kv, double w, int a, int k)
    {
        var x = LlmQuant.Parse(q, kv);
        Assert.Equal((w, a, k), (x.WeightBits, x.ActivationBits, x.KvBits));
        Assert.Equal(ErrorKind.Usage, Assert.Throws<ModelMeterException>(() => LlmQuant.Parse("w3a5")).Kind);
    }
}

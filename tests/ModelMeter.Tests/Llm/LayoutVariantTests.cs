using ModelMeter.Costs;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

/// <summary>Gemma-2 (alternating sliding windows, four norms per layer, soft-capping), Falcon's shared LayerNorm,
/// BLOOM's embedding LayerNorm, and configs the model must refuse.</summary>
public class LayoutVariantTests
{
    // google/gemma-2-2b config.json (cost-relevant fields).
    private const string Gemma2_2bJson = """
        { "model_type": "gemma2", "hidden_size": 2304, "intermediate_size": 9216, "num_attention_heads": 8, "num_key_value_heads": 4,
          "head_dim": 256, "num_hidden_layers": 26, "vocab_size": 256000, "max_position_embeddings": 8192, "sliding_window": 4096,
          "query_pre_attn_scalar": 256, "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0,
          "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh", "rms_norm_eps": 1e-06, "attention_bias": false }
        """;

    private static long GemmFlops(LlmStage s) => s.Profile.Nodes.Where(n => n.Class == OpClass.Gemm).Sum(n => n.Flops);

    [Fact]
    public void Gemma2CountsMatchTheGemma2Report()
    {
        // 26 × (attention 2304·2048·2 + 2304·1024·2 + MLP 3·2304·9216 + 4 RMSNorms of 2304) + tied embedding 256000·2304 + 2304
        var c = LlmConfigLoader.Parse(Gemma2_2bJson, "gemma-2-2b", "g.json");
        Assert.Equal(4, c.NormsPerLayer);
        Assert.Equal(2_614_341_888, LlmParamCount.Of(c).Total);
        Assert.InRange(LlmParamCount.Of(c).Total / 2.61e9, 0.995, 1.005);
        var nine = LlmConfigLoader.BuiltIn("gemma-2-9b");
        Assert.Equal(9_241_705_984, LlmParamCount.Of(nine).Total);
        Assert.InRange(LlmParamCount.Of(nine).Total / 9.24e9, 0.995, 1.005);
    }

    [Fact]
    public void Gemma2SlidesOnEvenLayersOnly()
    {
        var c = LlmConfigLoader.Parse(Gemma2_2bJson, "gemma-2-2b", "g.json");
        Assert.True(c.IsSlidingLayer(0));
        Assert.False(c.IsSlidingLayer(1));
        // 4096 → 8192 keys: only the 13 global layers grow: QKᵀ and A·V, 8 heads × 256 dims × 4096 more keys, 2 FLOPs per MAC
        var a = LlmProfiler.Decode(c, default, 1, 4096);
        var b = LlmProfiler.Decode(c, default, 1, 8192);
        Assert.Equal(13L * 2 * 8 * 256 * 4096 * 2, GemmFlops(b) - GemmFlops(a));
        // memory at final length 8192: 13 sliding layers cache 4096 tokens, 13 global layers 8192; 2·4·256·2 bytes per token and layer
        var m = LlmEstimator.Memory(c, default, new LlmWorkload(8000, 192, [1]), LlmEstimatorTests.H100, 1, 0);
        Assert.Equal(4096L * (13 * 4096 + 13 * 8192), m.KvCacheBytes);
        Assert.Equal(26 * 4096, m.KvBytesPerToken);
    }

    [Fact]
    public void Gemma2SoftCappingAddsThreeFlopsPerScoreAndLogit()
    {
        var c = LlmConfigLoader.Parse(Gemma2_2bJson, "gemma-2-2b", "g.json");
        var s = LlmProfiler.Decode(c, default, 1, 100);
        Assert.Equal(3L * 8 * 100, s.Profile.Nodes.Single(n => n.Name == "layers.1.attn.softcap").Flops);
        Assert.Equal(3L * 256000, s.Profile.Nodes.Single(n => n.Name == "logits_softcap").Flops);
        Assert.Equal(4, s.Profile.Nodes.Count(n => n.Name.StartsWith("layers.0.", StringComparison.Ordinal) && n.OpType == "RMSNorm"));
        Assert.Equal(LlmParamCount.Of(c).Total, s.Profile.Totals.Params);
    }

    [Fact]
    public void Falcon7bHasOneLayerNormPerLayerAndBloomAnEmbeddingLayerNorm()
    {
        var falcon = LlmConfigLoader.Parse("""{"model_type":"falcon","hidden_size":4544,"n_head":71,"n_layer":32,"multi_query":true,"parallel_attn":true,"vocab_size":65024,"bias":false,"alibi":false,"new_decoder_architecture":false,"layer_norm_epsilon":1e-05}""", "falcon-7b", "f.json");
        Assert.Equal(1, falcon.NormsPerLayer);
        Assert.Equal(6_921_720_704, LlmParamCount.Of(falcon).Total); // tiiuae/falcon-7b model card
        Assert.Equal(6_921_720_704, LlmProfiler.Decode(falcon, default, 1, 8).Profile.Totals.Params);
        var bloom = LlmConfigLoader.Parse("""{"model_type":"bloom","hidden_size":1024,"n_head":16,"n_layer":24,"vocab_size":250880,"layer_norm_epsilon":1e-05}""", "bloom-560m", "b.json");
        Assert.True(bloom.EmbeddingNorm);
        Assert.Equal(559_214_592, LlmParamCount.Of(bloom).Total); // bigscience/bloom-560m
        Assert.Equal(559_214_592, LlmProfiler.Decode(bloom, default, 1, 8).Profile.Totals.Params);
        // Falcon-40B's new decoder architecture keeps two LayerNorms (ln_attn, ln_mlp)
        Assert.Equal(2, LlmConfigLoader.Parse("""{"model_type":"falcon","hidden_size":8192,"n_head":128,"n_layer":60,"num_kv_heads":8,"new_decoder_architecture":true,"parallel_attn":true,"vocab_size":65024,"layer_norm_epsilon":1e-05}""", "f40", "f.json").NormsPerLayer);
    }

    [Fact]
    public void QwenSlidingWindowStartsAtMaxWindowLayers()
    {
        var c = LlmConfigLoader.Parse("""{"model_type":"qwen2","hidden_size":1024,"num_hidden_layers":4,"num_attention_heads":8,"intermediate_size":2048,"vocab_size":1000,"rms_norm_eps":1e-6,"sliding_window":512,"use_sliding_window":true,"max_window_layers":3}""", "q", "q.json");
        Assert.Equal([false, false, false, true], Enumerable.Range(0, 4).Select(c.IsSlidingLayer));
    }

    [Theory]
    [InlineData("gemma-2-9b")]
    [InlineData("deepseek-v2-lite")]
    [InlineData("qwen1.5-moe-a2.7b")]
    public void DecoderExportRefusesLayoutsItDoesNotBuild(string name)
        => Assert.Equal(ErrorKind.Usage, Assert.Throws<ModelMeterException>(() => ModelMeter.Zoo.DecoderBuilder.Build(LlmConfigLoader.BuiltIn(name))).Kind);

    [Theory]
    // state-spaces/mamba-130m-hf, RWKV/rwkv-4-169m-pile, ai21labs/Jamba-v0.1 (hybrid: attention every 8th layer)
    [InlineData("""{"model_type":"mamba","hidden_size":768,"num_hidden_layers":24,"vocab_size":50280,"state_size":16,"intermediate_size":1536,"conv_kernel":4,"expand":2,"time_step_rank":48}""", "state_size", "num_attention_heads")]
    [InlineData("""{"model_type":"rwkv","hidden_size":768,"num_hidden_layers":12,"attention_hidden_size":768,"intermediate_size":null,"vocab_size":50277,"context_length":1024}""", "attention_hidden_size", "num_attention_heads")]
    [InlineData("""{"model_type":"jamba","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":65536,"attn_layer_period":8,"attn_layer_offset":4,"mamba_d_state":16,"num_experts":16,"num_experts_per_tok":2}""", "mamba_d_state", "jamba")]
    // a config announcing per-layer kinds we do not model (Qwen3-Next-style linear attention)
    [InlineData("""{"model_type":"new_hybrid","hidden_size":1024,"num_hidden_layers":2,"num_attention_heads":8,"intermediate_size":2048,"vocab_size":1000,"rms_norm_eps":1e-6,"sliding_window":512,"layer_types":["linear_attention","full_attention"]}""", "layer_types", "linear_attention")]
    public void NonAttentionLayersFailNamingFileAndField(string json, string field, string also)
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "config.json");
            File.WriteAllText(path, json);
            var e = Assert.Throws<ModelMeterException>(() => LlmConfigLoader.Load(path));
            Assert.Equal(ErrorKind.BadModel, e.Kind);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains(field, e.Message, StringComparison.Ordinal);
            Assert.Contains(also, e.Message, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
    }
}

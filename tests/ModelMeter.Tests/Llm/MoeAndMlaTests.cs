using ModelMeter.Costs;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

/// <summary>
/// Shared-expert mixtures of experts (Qwen2-MoE, DeepSeek-MoE/V2/V3) and multi-head latent attention, with configs
/// written as their Hugging Face config.json files have them, against the published parameter counts.
/// </summary>
public class MoeAndMlaTests
{
    // Qwen/Qwen1.5-MoE-A2.7B config.json (cost-relevant fields).
    internal const string Qwen15MoeJson = """
        { "model_type": "qwen2_moe", "hidden_size": 2048, "intermediate_size": 5632, "moe_intermediate_size": 1408,
          "shared_expert_intermediate_size": 5632, "num_experts": 60, "num_experts_per_tok": 4, "decoder_sparse_step": 1,
          "num_attention_heads": 16, "num_key_value_heads": 16, "num_hidden_layers": 24, "vocab_size": 151936,
          "max_position_embeddings": 8192, "rms_norm_eps": 1e-06, "hidden_act": "silu", "norm_topk_prob": false,
          "sliding_window": 32768, "use_sliding_window": false, "max_window_layers": 21, "tie_word_embeddings": false }
        """;

    // deepseek-ai/DeepSeek-V2-Lite config.json.
    internal const string DeepSeekV2LiteJson = """
        { "model_type": "deepseek_v2", "hidden_size": 2048, "intermediate_size": 10944, "moe_intermediate_size": 1408,
          "n_routed_experts": 64, "n_shared_experts": 2, "num_experts_per_tok": 6, "first_k_dense_replace": 1, "moe_layer_freq": 1,
          "num_attention_heads": 16, "num_key_value_heads": 16, "num_hidden_layers": 27, "q_lora_rank": null, "kv_lora_rank": 512,
          "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128, "vocab_size": 102400, "attention_bias": false,
          "max_position_embeddings": 163840, "rms_norm_eps": 1e-06, "topk_method": "greedy", "n_group": 1, "topk_group": 1,
          "scoring_func": "softmax", "tie_word_embeddings": false }
        """;

    // deepseek-ai/DeepSeek-V3 config.json.
    internal const string DeepSeekV3Json = """
        { "model_type": "deepseek_v3", "hidden_size": 7168, "intermediate_size": 18432, "moe_intermediate_size": 2048,
          "n_routed_experts": 256, "n_shared_experts": 1, "num_experts_per_tok": 8, "first_k_dense_replace": 3, "moe_layer_freq": 1,
          "num_attention_heads": 128, "num_key_value_heads": 128, "num_hidden_layers": 61, "q_lora_rank": 1536, "kv_lora_rank": 512,
          "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128, "vocab_size": 129280, "attention_bias": false,
          "max_position_embeddings": 163840, "rms_norm_eps": 1e-06, "topk_method": "noaux_tc", "n_group": 8, "topk_group": 4,
          "scoring_func": "sigmoid", "routed_scaling_factor": 2.5, "num_nextn_predict_layers": 1, "tie_word_embeddings": false }
        """;

    private static LlmConfig Parse(string json, string name) => LlmConfigLoader.Parse(json, name, name + ".json");
    private static long GemmFlops(LlmStage s) => s.Profile.Nodes.Where(n => n.Class == OpClass.Gemm).Sum(n => n.Flops);

    [Fact]
    public void Qwen15MoeIs14Point3BTotalAnd2Point7BActive()
    {
        // Qwen blog "Qwen1.5-MoE: Matching 7B Model Performance with 1/3 Activated Parameters": 14.3 B total, 2.7 B activated
        var c = Parse(Qwen15MoeJson, "qwen1.5-moe");
        Assert.Equal((60, 4, 1408, 5632, 5632), (c.Experts, c.ExpertsPerToken, c.Intermediate, c.SharedIntermediate, c.DenseIntermediate));
        Assert.True(c.SharedExpertGate);
        var p = LlmParamCount.Of(c);
        // by hand, per layer: attention 4·2048² + 3·2048 (q/k/v bias) + norms 2·2048 + router 2048·60 + shared gate 2048
        // + shared expert 3·2048·5632 + 60 experts × 3·2048·1408; plus embedding and lm_head 2·151936·2048 and final norm 2048
        Assert.Equal(14_315_784_192, p.Total);
        Assert.Equal(2_689_173_504, p.Active); // 4 routed + the shared expert
        Assert.InRange(p.Total / 14.3e9, 0.995, 1.005);
        Assert.InRange(p.Active / 2.7e9, 0.995, 1.005);
    }

    [Fact]
    public void DeepSeekV2LiteIs15Point7BTotal()
    {
        var c = Parse(DeepSeekV2LiteJson, "deepseek-v2-lite");
        Assert.Equal(new LlmMla(null, 512, 128, 64, 128), c.Mla);
        Assert.Equal([0], c.DenseLayers.Order());
        Assert.Equal(2 * 1408, c.SharedIntermediate);
        var p = LlmParamCount.Of(c);
        // by hand: 27 × (MLA 2048·3072 + 2048·576 + 512 + 512·16·256 + 2048² + norms 4096) + dense layer 3·2048·10944
        // + 26 × (66 experts × 3·2048·1408 + router 2048·64) + 2·102400·2048 + 2048
        Assert.Equal(15_706_484_224, p.Total);
        Assert.InRange(p.Total / 15.7e9, 0.995, 1.005); // DeepSeek-V2 paper, appendix B: 15.7 B
        // DeepSeek counts activated parameters without the token embedding (see the V3 test). 2.451 B against the paper's
        // "2.4 B": the published figure is truncated to one decimal, so it is 2 % below this count.
        Assert.Equal(2_451_435_008, p.ActiveExcludingEmbedding);
        Assert.InRange(p.ActiveExcludingEmbedding / 2.4e9, 1.0, 1.025);
    }

    [Fact]
    public void DeepSeekV3Is671BTotalAnd36Point6BActivated()
    {
        var c = Parse(DeepSeekV3Json, "deepseek-v3");
        Assert.True(c.RouterBias);
        Assert.Equal(1, c.MtpModules);
        Assert.Equal([0, 1, 2], c.DenseLayers.Order());
        var p = LlmParamCount.Of(c);
        // DeepSeek-V3 README_WEIGHTS.md: main model 671 B total, 36.6 B activated "including 0.9 B for the output head"
        // (the token embedding excluded; the report's "37 B" is this rounded). The 14 B multi-token-prediction module
        // (11.5 B unique, sharing the embedding and head) is not part of the 671 B and not counted here.
        Assert.InRange(p.Total / 671e9, 0.995, 1.005);
        Assert.InRange(p.ActiveExcludingEmbedding / 36.6e9, 0.995, 1.005);
    }

    [Theory]
    // deepseek-ai/DeepSeek-V2: 236 B total (paper); deepseek-ai/deepseek-moe-16b-base: 16.4 B total (DeepSeekMoE paper)
    [InlineData("""{"model_type":"deepseek_v2","hidden_size":5120,"intermediate_size":12288,"moe_intermediate_size":1536,"n_routed_experts":160,"n_shared_experts":2,"num_experts_per_tok":6,"first_k_dense_replace":1,"moe_layer_freq":1,"num_attention_heads":128,"num_key_value_heads":128,"num_hidden_layers":60,"q_lora_rank":1536,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,"v_head_dim":128,"vocab_size":102400,"rms_norm_eps":1e-06,"tie_word_embeddings":false}""", 236e9)]
    [InlineData("""{"model_type":"deepseek","hidden_size":2048,"intermediate_size":10944,"moe_intermediate_size":1408,"n_routed_experts":64,"n_shared_experts":2,"num_experts_per_tok":6,"first_k_dense_replace":1,"moe_layer_freq":1,"num_attention_heads":16,"num_key_value_heads":16,"num_hidden_layers":28,"vocab_size":102400,"rms_norm_eps":1e-06,"tie_word_embeddings":false}""", 16.4e9)]
    public void OtherDeepSeekTotalsMatch(string json, double published)
        => Assert.InRange(LlmParamCount.Of(Parse(json, "deepseek")).Total / published, 0.995, 1.005);

    [Fact]
    public void DeepSeekV2LiteDecodeAtContext4096ByHand()
    {
        var c = Parse(DeepSeekV2LiteJson, "deepseek-v2-lite");
        // per token, linear MACs:
        //   27 layers × MLA projections: q_proj 2048·3072 + kv_a 2048·576 + kv_b (absorbed) 512·16·256 + o_proj 2048·2048 = 13,762,560
        //   layer 0 dense MLP 3·2048·10944 = 67,239,936
        //   26 MoE layers × (router 2048·64 + (6 routed + 2 shared) × 3·2048·1408) = 26 × 69,337,088
        //   lm_head 2048·102400 = 209,715,200                                  → 2,451,308,544 MACs
        // attention over the latent: 27 layers × 16 heads × 4096 keys × (576 score + 512 value dims) = 1,925,185,536 MACs
        long linear = 27L * 13_762_560 + 67_239_936 + 26L * 69_337_088 + 209_715_200;
        long attention = 27L * 16 * 4096 * (576 + 512);
        var s = LlmProfiler.Decode(c, default, 1, 4096);
        Assert.Equal(2 * (linear + attention), GemmFlops(s));
        Assert.Equal(8_752_988_160, GemmFlops(s));
        // ≈ 2 × activated params (embedding excluded) + attention terms; norms, rotary and elementwise rows add < 1 %
        var p = LlmParamCount.Of(c);
        Assert.InRange(s.Profile.Totals.Flops / (2.0 * p.ActiveExcludingEmbedding + 2.0 * attention), 0.999, 1.01);
        Assert.Equal(p.Total, s.Profile.Totals.Params);
    }

    [Fact]
    public void MlaCachesTheLatentPlusRopeKeyPerToken()
    {
        var c = Parse(DeepSeekV2LiteJson, "deepseek-v2-lite");
        // (kv_lora_rank 512 + qk_rope_head_dim 64) × 27 layers × 2 bytes, vs 2 × 16 heads × 192 × 27 × 2 for decompressed K/V
        Assert.Equal(576 * 27 * 2, LlmProfiler.KvBytesPerToken(c, default));
        var d = LlmProfiler.Decode(c, new LlmOptions(Flash: true), 1, 1000);
        Assert.Equal(1000L * 576 * 27 * 2, d.KvReadBytes); // the fused kernel reads the latent once per step
        Assert.Equal(576L * 27 * 2, d.KvWriteBytes);
        // tensor parallel: heads split, the latent cache is replicated on every chip
        var tp2 = LlmProfiler.Decode(c, new LlmOptions(TensorParallel: 2), 1, 8);
        Assert.Equal(576 * 27 * 2, LlmProfiler.KvBytesPerToken(c, new LlmOptions(TensorParallel: 2)));
        Assert.Equal(2048L * 8 * 192, tp2.Profile.Nodes.Single(n => n.Name == "layers.0.attn.q_proj").Macs);
    }

    [Fact]
    public void MlaPrefillDecompressesKeysAndValuesWithTheMlaHeadDims()
    {
        var c = Parse(DeepSeekV2LiteJson, "deepseek-v2-lite");
        var s = LlmProfiler.Prefill(c, default, 1, 100);
        Assert.Equal(16L * 100 * 100 * 192, s.Profile.Nodes.Single(n => n.Name == "layers.3.attn.qk").Macs);
        Assert.Equal(16L * 100 * 100 * 128, s.Profile.Nodes.Single(n => n.Name == "layers.3.attn.av").Macs);
        Assert.Equal(100L * 512 * 16 * 256, s.Profile.Nodes.Single(n => n.Name == "layers.3.attn.kv_b_proj").Macs);
    }

    [Fact]
    public void SharedExpertRunsOnEveryTokenAndDenseLayersUseIntermediateSize()
    {
        var s = LlmProfiler.Decode(Parse(DeepSeekV2LiteJson, "v2l"), default, 1, 1);
        Assert.Equal(2048L * 10944, s.Profile.Nodes.Single(n => n.Name == "layers.0.mlp.gate_proj").Macs);
        Assert.DoesNotContain(s.Profile.Nodes, n => n.Name == "layers.0.mlp.router");
        Assert.Equal(6L * 2048 * 1408, s.Profile.Nodes.Single(n => n.Name == "layers.1.mlp.experts.gate_proj").Macs);
        Assert.Equal(2048L * 2816, s.Profile.Nodes.Single(n => n.Name == "layers.1.mlp.shared_expert.gate_proj").Macs);
        var q = LlmProfiler.Decode(Parse(Qwen15MoeJson, "q"), default, 1, 1);
        Assert.Equal(2048L, q.Profile.Nodes.Single(n => n.Name == "layers.0.mlp.shared_expert_gate").Params);
    }

    [Theory]
    [InlineData("qwen1.5-moe-a2.7b")]
    [InlineData("deepseek-v2-lite")]
    [InlineData("gemma-2-9b")]
    public void BuiltInsProfileParamsEqualFormulaAndWeightBytes(string name)
    {
        var c = LlmConfigLoader.BuiltIn(name);
        Assert.StartsWith("https://huggingface.co/", c.Source, StringComparison.Ordinal);
        var p = LlmParamCount.Of(c);
        Assert.Equal(p.Total, LlmProfiler.Decode(c, default, 1, 16).Profile.Totals.Params);
        Assert.Equal(2 * p.Total, LlmProfiler.WeightBytesPerChip(c, default)); // fp16
    }
}

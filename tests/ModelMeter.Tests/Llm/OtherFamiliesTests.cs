using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

/// <summary>
/// Configs of families with no built-in entry, as their Hugging Face config.json files write them (fields copied from
/// the model repositories), against the published parameter counts.
/// </summary>
public class OtherFamiliesTests
{
    [Theory]
    // google/gemma-2b: 2,506,172,416 parameters (tied embeddings, 1 KV head, head_dim 256).
    [InlineData("gemma-2b", """{"model_type":"gemma","hidden_size":2048,"intermediate_size":16384,"num_attention_heads":8,"num_hidden_layers":18,"num_key_value_heads":1,"head_dim":256,"hidden_act":"gelu","vocab_size":256000,"max_position_embeddings":8192,"rms_norm_eps":1e-06}""", 2_506_172_416L)]
    // tiiuae/falcon-7b: 6,921,720,704 (multi-query attention, parallel attention/MLP, no intermediate_size: 4 × hidden).
    [InlineData("falcon-7b", """{"model_type":"falcon","hidden_size":4544,"n_head":71,"n_layer":32,"multi_query":true,"parallel_attn":true,"vocab_size":65024,"bias":false,"alibi":false,"new_decoder_architecture":false,"layer_norm_epsilon":1e-05}""", 6_921_720_704L)]
    // bigscience/bloom-560m: 559,214,592 (ALiBi, biases everywhere, tied embeddings, no intermediate_size).
    [InlineData("bloom-560m", """{"model_type":"bloom","hidden_size":1024,"n_head":16,"n_layer":24,"vocab_size":250880,"layer_norm_epsilon":1e-05}""", 559_214_592L)]
    // EleutherAI/gpt-j-6b: 6,053,381,344 (GPT-2 field names, partial rotary, untied lm_head).
    [InlineData("gpt-j-6b", """{"model_type":"gptj","n_embd":4096,"n_head":16,"n_layer":28,"n_positions":2048,"rotary_dim":64,"vocab_size":50400,"activation_function":"gelu_new","tie_word_embeddings":false}""", 6_053_381_344L)]
    public void Params_match_the_published_count_within_half_a_percent(string name, string json, long published)
    {
        var c = LlmConfigLoader.Parse(json, name, name + ".json");
        var p = LlmParamCount.Of(c).Total;
        Assert.InRange((double)p / published, 0.995, 1.005);
    }

    [Fact]
    public void Multi_query_means_one_key_value_head()
    {
        var c = LlmConfigLoader.Parse("""{"model_type":"falcon","hidden_size":4544,"n_head":71,"n_layer":32,"multi_query":true,"vocab_size":65024,"layer_norm_epsilon":1e-05}""", "falcon", "f.json");
        Assert.Equal(1, c.KvHeads);
        Assert.Equal(4 * 4544, c.Intermediate);
    }
}

/// <summary>Multimodal configs keep the language model under <c>text_config</c>.</summary>
public class TextConfigTests
{
    [Fact]
    public void Text_config_of_a_multimodal_config_is_the_decoder_analysed()
    {
        // A LLaVA-style wrapper around the Llama-2-7B text config: the same params as Llama-2-7B (6,738,415,616).
        const string json = """
            {"model_type":"llava","vision_config":{"hidden_size":1024,"num_hidden_layers":24},
             "text_config":{"model_type":"llama","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
                            "num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":32000,"rms_norm_eps":1e-05,
                            "max_position_embeddings":4096,"tie_word_embeddings":false}}
            """;
        var c = LlmConfigLoader.Parse(json, "llava", "llava.json");
        Assert.Equal(6_738_415_616L, LlmParamCount.Of(c).Total);
    }
}

/// <summary>Qwen3 adds per-head RMS norms on queries and keys (head_dim scales each, per layer).</summary>
public class QkNormTests
{
    // Qwen/Qwen3-8B config.json; the checkpoint holds 8,190,735,360 parameters: without the q/k norms the formula gives
    // 36 layers × 2 × 128 = 9,216 fewer.
    private const string Qwen3 = """{"architectures":["Qwen3ForCausalLM"],"attention_bias":false,"head_dim":128,"hidden_act":"silu","hidden_size":4096,"intermediate_size":12288,"max_position_embeddings":40960,"max_window_layers":36,"model_type":"qwen3","num_attention_heads":32,"num_hidden_layers":36,"num_key_value_heads":8,"rms_norm_eps":1e-06,"rope_theta":1000000,"sliding_window":null,"tie_word_embeddings":false,"use_sliding_window":false,"vocab_size":151936}""";

    [Fact]
    public void Qwen3_8b_params_are_exact_and_the_profile_has_the_norm_rows()
    {
        var c = LlmConfigLoader.Parse(Qwen3, "qwen3-8b", "qwen3.json");
        Assert.True(c.QkNorm);
        Assert.Equal(8_190_735_360L, LlmParamCount.Of(c).Total);
        var stage = LlmProfiler.Decode(c, new LlmOptions(), 1, 1024);
        Assert.Equal(LlmParamCount.Of(c).Total, stage.Profile.Totals.Params);
        var qNorm = stage.Profile.Nodes.Single(n => n.Name == "layers.0.attn.q_norm");
        Assert.Equal(4L * 32 * 128, qNorm.Flops); // 4 FLOPs per element of one token's 32 query heads × 128
    }
}

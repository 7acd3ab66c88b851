using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// The architecture-specific parts of a Hugging Face config (mixture of experts with shared experts and dense layers,
/// multi-head latent attention, per-layer sliding windows, norm layout) and the refusal of layer kinds the LLM cost
/// model does not describe (state-space / recurrent layers). See docs/counting.md, "Transformer LLMs".
/// </summary>
internal static class LlmArchitecture
{
    // model_types whose layers are (partly) state-space or recurrent: attention formulas would give wrong numbers.
    private static readonly HashSet<string> RecurrentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "mamba", "mamba2", "falcon_mamba", "rwkv", "rwkv5", "rwkv6", "rwkv7", "jamba", "zamba", "zamba2", "bamba",
        "recurrent_gemma", "xlstm", "falcon_h1", "nemotron_h", "granitemoehybrid", "lfm2", "plamo2", "qwen3_next",
        "minimax", "minimax_m1", "hgrn", "retnet",
    };

    // Fields that only state-space / recurrent / hybrid configs carry.
    private static readonly string[] RecurrentFields =
    [
        "state_size", "ssm_state_size", "mamba_d_state", "d_state", "ssm_cfg", "mamba_expand", "attn_layer_period",
        "layers_block_type", "block_types", "hybrid_override_pattern", "attention_hidden_size", "linear_num_key_heads",
    ];

    private static readonly HashSet<string> FullAttentionKinds = new(StringComparer.Ordinal) { "full_attention", "attention", "global", "global_attention" };
    private static readonly HashSet<string> SlidingKinds = new(StringComparer.Ordinal) { "sliding_attention", "local", "local_attention", "sliding" };

    /// <summary>BadModel naming the file and the field when the config describes layers that are not attention + MLP.</summary>
    public static void RejectUnsupported(Fields f, string type, string source)
    {
        var field = RecurrentFields.FirstOrDefault(f.Has);
        if (!RecurrentTypes.Contains(type) && field is null) return;
        var what = type.Length > 0 ? $"model_type '{type}'" : "this config";
        var because = field is null ? "" : $" (field '{field}')";
        var heads = f.Has("num_attention_heads") || f.Has("n_head") ? "" : "; it has no 'num_attention_heads'";
        throw ModelMeterException.BadModel(source,
            $"{what} describes state-space / recurrent layers{because}{heads}: the LLM cost model covers attention transformers only, "
            + "so it cannot count this model");
    }

    /// <summary>Mixture-of-experts layout: routed experts, shared experts, dense layers.</summary>
    public static (int Experts, int PerToken, int ExpertInter, int DenseInter, int SharedInter, bool SharedGate, bool RouterBias, IReadOnlySet<int> Dense)
        Moe(Fields f, string type, int layers, int inter, string source)
    {
        int experts = f.Int("num_local_experts", "num_experts", "n_routed_experts") ?? 0;
        if (experts <= 0) return (0, 0, inter, inter, 0, false, false, new HashSet<int>());
        int perToken = f.Int("num_experts_per_tok", "moe_topk")
            ?? throw ModelMeterException.BadModel(source, "missing required field 'num_experts_per_tok' for a mixture-of-experts config");
        if (perToken <= 0 || perToken > experts)
            throw ModelMeterException.BadModel(source, $"num_experts_per_tok ({perToken}) must be between 1 and the {experts} experts");
        int expertInter = f.Int("moe_intermediate_size") ?? inter;
        int sharedInter = 0;
        bool gate = false;
        if (f.Int("shared_expert_intermediate_size") is { } qs)
        {
            sharedInter = qs; // Qwen2-MoE: one shared expert of this width behind a sigmoid gate
            gate = true;
        }
        else if (f.Int("n_shared_experts", "num_shared_experts") is { } n and > 0) sharedInter = n * expertInter; // DeepSeek: n experts of moe_intermediate_size, no gate
        var dense = new HashSet<int>();
        int firstDense = f.Int("first_k_dense_replace") ?? 0;
        int freq = Math.Max(1, f.Int("moe_layer_freq") ?? 1);
        int step = Math.Max(1, f.Int("decoder_sparse_step") ?? 1);
        var mlpOnly = f.Ints("mlp_only_layers") ?? [];
        for (int i = 0; i < layers; i++)
        {
            bool moe = i >= firstDense && i % freq == 0 // DeepSeek
                && (i + 1) % step == 0 && !mlpOnly.Contains(i); // Qwen2-MoE
            if (!moe) dense.Add(i);
        }
        bool routerBias = string.Equals(f.String("topk_method"), "noaux_tc", StringComparison.OrdinalIgnoreCase);
        return (experts, perToken, expertInter, inter, sharedInter, gate, routerBias, dense);
    }

    /// <summary>Multi-head latent attention dimensions when the config has <c>kv_lora_rank</c>, else null.</summary>
    public static LlmMla? Mla(Fields f)
    {
        if (f.Int("kv_lora_rank") is not { } r) return null;
        int? qr = f.Int("q_lora_rank");
        return new LlmMla(qr is > 0 ? qr : null, r, f.RequiredInt("qk_nope_head_dim"), f.RequiredInt("qk_rope_head_dim"), f.RequiredInt("v_head_dim"));
    }

    /// <summary>Norms per decoder layer.</summary>
    public static int NormsPerLayer(Fields f, string type)
    {
        var t = type.ToLowerInvariant();
        if (t is "gemma2" or "gemma3" or "gemma3_text") return 4; // input, post_attention, pre_feedforward, post_feedforward
        if (t != "falcon") return 2;
        // Falcon: new_decoder_architecture has ln_attn + ln_mlp (num_ln_in_parallel_attn, default 2); the 7B-style parallel
        // block shares one input_layernorm between attention and MLP; the sequential block has two.
        if (f.Bool("new_decoder_architecture") == true) return f.Int("num_ln_in_parallel_attn") ?? 2;
        return f.Bool("parallel_attn") ?? true ? 1 : 2;
    }

    /// <summary>Layers with full attention when a sliding window is set (empty: all layers slide).</summary>
    public static IReadOnlySet<int> FullAttentionLayers(Fields f, string type, int layers, string source)
    {
        var full = new HashSet<int>();
        if (f.Strings("layer_types") is { } kinds)
        {
            if (kinds.Count != layers)
                throw ModelMeterException.BadModel(source, $"field 'layer_types' lists {kinds.Count} layers, num_hidden_layers is {layers}");
            for (int i = 0; i < layers; i++)
            {
                if (FullAttentionKinds.Contains(kinds[i])) full.Add(i);
                else if (!SlidingKinds.Contains(kinds[i]))
                    throw ModelMeterException.BadModel(source, $"field 'layer_types' has '{kinds[i]}' at layer {i}: only full and sliding attention layers are modelled");
            }
            return full;
        }
        // Qwen2 family: layers below max_window_layers attend fully, the rest slide (when use_sliding_window is on)
        if (type.StartsWith("qwen", StringComparison.OrdinalIgnoreCase) && f.Int("max_window_layers") is { } mw)
        {
            for (int i = 0; i < Math.Min(mw, layers); i++) full.Add(i);
            return full;
        }
        // Gemma-2: even layers slide, odd layers are global; Gemma-3: every sliding_window_pattern-th layer is global.
        int pattern = f.Int("sliding_window_pattern") ?? (type.Equals("gemma2", StringComparison.OrdinalIgnoreCase) ? 2 : 0);
        if (pattern > 1)
            for (int i = 0; i < layers; i++)
                if ((i + 1) % pattern == 0) full.Add(i);
        return full;
    }
}

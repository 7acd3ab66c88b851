using System.Text.RegularExpressions;
using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// Maps checkpoint tensor names, in llama.cpp's GGUF naming (<c>blk.3.attn_q.weight</c>) and in Hugging Face naming
/// (<c>model.layers.3.self_attn.q_proj.weight</c>, GPT-2's <c>h.3.attn.c_attn</c>, Mixtral's <c>block_sparse_moe</c>),
/// to the cost rows of <see cref="LayerBuilder"/>, with the share of the tensor each row gets (fused q/k/v and gate/up
/// tensors split by output width). The last name part says whether the tensor holds weights or quantization
/// metadata (scales, zeros, group indices), which count as bytes but not as parameters.
/// </summary>
internal static partial class LlmTensorMap
{
    /// <summary>Tensor-name suffixes that hold quantization metadata, not weights.</summary>
    private static readonly HashSet<string> MetadataSuffixes = new(StringComparer.Ordinal)
    {
        "qzeros", "scales", "g_idx", "weight_scale", "weight_scale_inv", "input_scale", "weight_zero_point", "weight_g_idx",
        "weight_shape", "SCB", "weight_format", "absmax", "quant_map", "nested_absmax", "nested_quant_map", "quant_state", "k_scale", "v_scale",
    };

    /// <summary>Suffixes of packed integer weights (several weights per stored element).</summary>
    private static readonly HashSet<string> PackedSuffixes = new(StringComparer.Ordinal) { "qweight", "weight_packed" };

    [GeneratedRegex(@"^(?:blk|layers|h|blocks|layer)\.(\d+)\.(.+)$")]
    private static partial Regex LayerRx();

    [GeneratedRegex(@"^(?:model\.|transformer\.|language_model\.|base_model\.|gpt_neox\.|decoder\.)+")]
    private static partial Regex PrefixRx();

    [GeneratedRegex(@"\.(?:experts|block_sparse_moe\.experts)\.\d+\.")]
    private static partial Regex ExpertRx();

    /// <summary>What a tensor's last name part says: a weight, a packed weight (several per element) or quantization metadata.</summary>
    public static (string Stem, bool Packed, bool Metadata) Split(string name)
    {
        int dot = name.LastIndexOf('.');
        var suffix = dot < 0 ? "" : name[(dot + 1)..];
        var stem = dot < 0 ? name : name[..dot];
        if (suffix is "weight" or "bias") return (stem, false, false);
        if (PackedSuffixes.Contains(suffix)) return (stem, true, false);
        if (MetadataSuffixes.Contains(suffix)) return (stem, false, true);
        return (name, false, false);
    }

    /// <summary>The rows a tensor stem belongs to with their shares; empty when it belongs to none.</summary>
    public static IReadOnlyList<(string Row, double Share)> Rows(string stem, LlmConfig c)
    {
        var s = PrefixRx().Replace(stem, "");
        s = ExpertRx().Replace(s, ".experts.");
        var top = Top(s);
        if (top is not null) return [(top, 1)];
        var m = LayerRx().Match(s);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out int layer) || layer < 0 || layer >= c.Layers) return [];
        var p = $"layers.{layer}.";
        var part = m.Groups[2].Value;
        string mlp = c.IsMoeLayer(layer) ? "mlp.experts." : "mlp.";
        long qw = c.QueryWidth, kw = c.KvWidth;
        double qShare = (double)qw / (qw + 2 * kw), kShare = (double)kw / (qw + 2 * kw);
        (string, double)[] Qkv() => [(p + "attn.q_proj", qShare), (p + "attn.k_proj", kShare), (p + "attn.v_proj", kShare)];
        string? one = part switch
        {
            "attn_norm" or "input_layernorm" or "ln_1" or "ln_attn" => "input_layernorm",
            "attn_norm_2" or "ln_mlp" or "post_attention_layernorm" or "ln_2" => "post_attention_layernorm",
            "post_attention_norm" or "attn_post_norm" => "post_attention_layernorm",
            "ffn_norm" => c.NormsPerLayer >= 4 ? "pre_feedforward_layernorm" : "post_attention_layernorm",
            "pre_feedforward_layernorm" => "pre_feedforward_layernorm",
            "ffn_post_norm" or "post_ffw_norm" or "post_feedforward_layernorm" => "post_feedforward_layernorm",
            "attn_q" or "self_attn.q_proj" or "attn.q_proj" => "attn.q_proj",
            "attn_k" or "self_attn.k_proj" or "attn.k_proj" => "attn.k_proj",
            "attn_v" or "self_attn.v_proj" or "attn.v_proj" => "attn.v_proj",
            "attn_output" or "self_attn.o_proj" or "self_attn.dense" or "attn.c_proj" or "attention.dense" or "self_attention.dense" or "attn.o_proj" or "attn.out_proj" or "self_attn.out_proj" => "attn.o_proj",
            "attn_q_norm" or "self_attn.q_norm" or "self_attn.q_layernorm" => "attn.q_norm",
            "attn_k_norm" or "self_attn.k_norm" or "self_attn.k_layernorm" => "attn.k_norm",
            "attn_q_a" or "self_attn.q_a_proj" => "attn.q_a_proj",
            "attn_q_a_norm" or "self_attn.q_a_layernorm" => "attn.q_a_layernorm",
            "attn_q_b" or "self_attn.q_b_proj" => "attn.q_b_proj",
            "attn_kv_a_mqa" or "self_attn.kv_a_proj_with_mqa" => "attn.kv_a_proj_with_mqa",
            "attn_kv_a_norm" or "self_attn.kv_a_layernorm" => "attn.kv_a_layernorm",
            "attn_kv_b" or "attn_k_b" or "attn_v_b" or "self_attn.kv_b_proj" => "attn.kv_b_proj",
            "ffn_gate" or "mlp.gate_proj" or "mlp.w1" => "mlp.gate_proj",
            "ffn_up" or "mlp.up_proj" or "mlp.c_fc" or "mlp.fc1" or "mlp.dense_h_to_4h" or "mlp.w3" => "mlp.up_proj",
            "ffn_down" or "mlp.down_proj" or "mlp.c_proj" or "mlp.fc2" or "mlp.dense_4h_to_h" or "mlp.w2" => "mlp.down_proj",
            "ffn_gate_exps" or "mlp.experts.gate_proj" or "block_sparse_moe.experts.w1" => "mlp.experts.gate_proj",
            "ffn_up_exps" or "mlp.experts.up_proj" or "block_sparse_moe.experts.w3" => "mlp.experts.up_proj",
            "ffn_down_exps" or "mlp.experts.down_proj" or "block_sparse_moe.experts.w2" => "mlp.experts.down_proj",
            "ffn_gate_inp" or "mlp.gate" or "block_sparse_moe.gate" or "exp_probs_b" or "mlp.gate.e_score_correction" or "mlp.router" => "mlp.router",
            "ffn_gate_shexp" or "mlp.shared_expert.gate_proj" or "mlp.shared_experts.gate_proj" => "mlp.shared_expert.gate_proj",
            "ffn_up_shexp" or "mlp.shared_expert.up_proj" or "mlp.shared_experts.up_proj" => "mlp.shared_expert.up_proj",
            "ffn_down_shexp" or "mlp.shared_expert.down_proj" or "mlp.shared_experts.down_proj" => "mlp.shared_expert.down_proj",
            "ffn_gate_inp_shexp" or "mlp.shared_expert_gate" => "mlp.shared_expert_gate",
            _ => null,
        };
        if (one is not null) return [(p + one, 1)];
        return part switch
        {
            "attn_qkv" or "attn.c_attn" or "self_attn.qkv_proj" or "attention.query_key_value" or "self_attention.query_key_value" or "self_attn.Wqkv" or "attn.Wqkv" => Qkv(),
            "mlp.gate_up_proj" or "ffn_gate_up" => [(p + mlp + "gate_proj", 0.5), (p + mlp + "up_proj", 0.5)],
            _ => [],
        };
    }

    /// <summary>Rows of fused tensors whose shape says they are gate+up (Phi-3's ffn_up holds both halves).</summary>
    public static IReadOnlyList<(string Row, double Share)> FusedUp(string row, long elements, LlmConfig c, int layer)
    {
        long inner = c.IsMoeLayer(layer) ? c.Intermediate : c.DenseIntermediate > 0 ? c.DenseIntermediate : c.Intermediate;
        if (!c.GatedMlp || !row.EndsWith("mlp.up_proj", StringComparison.Ordinal) || elements < 2L * inner * c.Hidden) return [(row, 1)];
        var gate = row[..^"up_proj".Length] + "gate_proj";
        return [(gate, 0.5), (row, 0.5)];
    }

    private static string? Top(string s) => s switch
    {
        "token_embd" or "embed_tokens" or "wte" or "word_embeddings" or "embed_in" or "tok_embeddings" => "embed_tokens",
        "position_embd" or "wpe" or "embed_positions" => "embed_positions",
        "token_embd_norm" or "word_embeddings_layernorm" => "embed_layernorm",
        "output_norm" or "norm" or "ln_f" or "final_layernorm" or "final_layer_norm" => "norm",
        "output" or "lm_head" or "embed_out" => "lm_head",
        _ => null,
    };
}

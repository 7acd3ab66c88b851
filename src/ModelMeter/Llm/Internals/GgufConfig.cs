using System.Text.Json.Nodes;
using ModelMeter.Checkpoints;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// Turns a GGUF file's metadata (llama.cpp's <c>{arch}.embedding_length</c>, <c>{arch}.block_count</c>, … keys,
/// gguf-py/gguf/constants.py) into the equivalent Hugging Face config fields, so one loader builds the architecture.
/// Facts the keys leave out come from the tensors: vocabulary size from <c>token_embd</c>, tied embeddings from the
/// absence of <c>output.weight</c>, attention biases from <c>attn_q.bias</c>.
/// </summary>
internal static class GgufConfig
{
    // llama.cpp architecture name → Hugging Face model_type
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["llama"] = "llama", ["mistral3"] = "mistral", ["qwen2"] = "qwen2", ["qwen3"] = "qwen3", ["qwen2moe"] = "qwen2_moe",
        ["qwen3moe"] = "qwen3_moe", ["gemma"] = "gemma", ["gemma2"] = "gemma2", ["gemma3"] = "gemma3_text", ["phi3"] = "phi3",
        ["gpt2"] = "gpt2", ["starcoder2"] = "starcoder2", ["olmo2"] = "olmo2", ["falcon"] = "falcon", ["deepseek2"] = "deepseek_v2",
        ["stablelm"] = "stablelm", ["granite"] = "granite", ["internlm2"] = "internlm2", ["command-r"] = "cohere",
    };

    public static JsonObject ToHfConfig(GgufFile g)
    {
        var arch = g.Architecture;
        if (arch.Length == 0) throw ModelMeterException.BadModel(g.Path, "GGUF: no general.architecture key: cannot tell the model's architecture");
        if (!Types.TryGetValue(arch, out var type))
            throw ModelMeterException.BadModel(g.Path, $"GGUF architecture '{arch}' is not modelled (known: {string.Join(", ", Types.Keys.Order(StringComparer.Ordinal))})");
        var tensors = g.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var o = new JsonObject { ["model_type"] = type };
        void Int(string hf, string key)
        {
            var v = g.Get($"{arch}.{key}");
            if (v?.AsInt64 is { } i) o[hf] = i;
            else if (v?.Items is { Count: > 0 } items) o[hf] = (long)items.Max(); // per-layer arrays: the widest layer
        }
        void Num(string hf, string key) { if (g.Get($"{arch}.{key}")?.AsDouble is { } d) o[hf] = d; }
        Int("hidden_size", "embedding_length");
        Int("num_hidden_layers", "block_count");
        Int("intermediate_size", "feed_forward_length");
        Int("num_attention_heads", "attention.head_count");
        Int("num_key_value_heads", "attention.head_count_kv");
        Int("max_position_embeddings", "context_length");
        Int("num_local_experts", "expert_count");
        Int("num_experts_per_tok", "expert_used_count");
        Int("moe_intermediate_size", "expert_feed_forward_length");
        Int("shared_expert_intermediate_size", "expert_shared_feed_forward_length");
        Int("sliding_window", "attention.sliding_window");
        Int("kv_lora_rank", "attention.kv_lora_rank");
        Int("q_lora_rank", "attention.q_lora_rank");
        Num("attn_logit_softcapping", "attn_logit_softcapping");
        Num("final_logit_softcapping", "final_logit_softcapping");
        if (g.Get($"{arch}.attention.key_length")?.AsInt64 is { } kl && o["num_attention_heads"] is not null && o["hidden_size"] is not null
            && kl != (long)o["hidden_size"]! / (long)o["num_attention_heads"]!) o["head_dim"] = kl;
        if (g.Get($"{arch}.attention.layer_norm_rms_epsilon") is { } rms) o["rms_norm_eps"] = rms.AsDouble;
        else if (g.Get($"{arch}.attention.layer_norm_epsilon") is { } ln) o["layer_norm_eps"] = ln.AsDouble;
        if (g.Get($"{arch}.rope.dimension_count")?.AsInt64 is { } rope && o["num_attention_heads"] is not null && o["hidden_size"] is not null)
        {
            long hd = g.Get($"{arch}.attention.key_length")?.AsInt64 ?? (long)o["hidden_size"]! / (long)o["num_attention_heads"]!;
            if (hd > 0 && rope != hd) o["partial_rotary_factor"] = (double)rope / hd;
        }
        if (o["num_local_experts"] is null) o.Remove("num_experts_per_tok");
        // vocabulary: token_embd's rows (ne[1]), else the tokenizer's token list, else {arch}.vocab_size
        if (tensors.TryGetValue("token_embd.weight", out var emb) && emb.Shape.Count >= 2) o["vocab_size"] = emb.Shape[1];
        else if (g.Get("tokenizer.ggml.tokens") is { Type: GgufValueType.Array } tok) o["vocab_size"] = tok.Count;
        else Int("vocab_size", "vocab_size");
        o["tie_word_embeddings"] = !tensors.ContainsKey("output.weight");
        // Qwen2 keeps q/k/v biases without an output bias, as the loader's family default says; elsewhere a q bias means attention biases
        if (type is not ("qwen2" or "qwen2_moe") && (tensors.ContainsKey("blk.0.attn_q.bias") || tensors.ContainsKey("blk.0.attn_qkv.bias")))
            o["attention_bias"] = true;
        return o;
    }
}

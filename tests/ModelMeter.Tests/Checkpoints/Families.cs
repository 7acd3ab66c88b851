namespace ModelMeter.Tests.Checkpoints;

/// <summary>
/// Tensor lists of published models, written out here from their architecture dimensions (the model cards' config.json),
/// in Hugging Face naming, independently of the library's formulas. Shapes are [out, in] as PyTorch stores Linear weights.
/// </summary>
internal static class Families
{
    public sealed record Arch(string Name, string ConfigBuiltIn, int Hidden, int Layers, int Heads, int KvHeads, int HeadDim, int Inter, int Vocab,
        bool Tied = false, bool QkvBias = false, bool FusedPhi3 = false, bool Gemma2Norms = false, long Published = 0);

    // Published totals: Hugging Face model pages (safetensors "Model size") / the papers
    public static readonly Arch Llama2_7B = new("Llama-2-7B", "llama-2-7b", 4096, 32, 32, 32, 128, 11008, 32000, Published: 6_738_415_616);
    public static readonly Arch Mistral7B = new("Mistral-7B-v0.1", "mistral-7b", 4096, 32, 32, 8, 128, 14336, 32000, Published: 7_241_732_096);
    public static readonly Arch Qwen25_7B = new("Qwen2.5-7B", "qwen2.5-7b", 3584, 28, 28, 4, 128, 18944, 152064, QkvBias: true, Published: 7_615_616_512);
    public static readonly Arch Gemma2_9B = new("Gemma-2-9B", "gemma-2-9b", 3584, 42, 16, 8, 256, 14336, 256000, Tied: true, Gemma2Norms: true, Published: 9_241_705_984);
    public static readonly Arch Phi3Mini = new("Phi-3-mini-4k", "phi-3-mini", 3072, 32, 32, 32, 96, 8192, 32064, FusedPhi3: true, Published: 3_821_079_552);

    public static IEnumerable<(string Name, long[] Shape)> HfTensors(Arch a)
    {
        long h = a.Hidden, q = (long)a.Heads * a.HeadDim, kv = (long)a.KvHeads * a.HeadDim;
        yield return ("model.embed_tokens.weight", [a.Vocab, h]);
        for (int i = 0; i < a.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            yield return (p + "input_layernorm.weight", [h]);
            yield return (p + "post_attention_layernorm.weight", [h]);
            if (a.Gemma2Norms)
            {
                yield return (p + "pre_feedforward_layernorm.weight", [h]);
                yield return (p + "post_feedforward_layernorm.weight", [h]);
            }
            if (a.FusedPhi3) yield return (p + "self_attn.qkv_proj.weight", [q + 2 * kv, h]);
            else
            {
                yield return (p + "self_attn.q_proj.weight", [q, h]);
                yield return (p + "self_attn.k_proj.weight", [kv, h]);
                yield return (p + "self_attn.v_proj.weight", [kv, h]);
                if (a.QkvBias)
                {
                    yield return (p + "self_attn.q_proj.bias", [q]);
                    yield return (p + "self_attn.k_proj.bias", [kv]);
                    yield return (p + "self_attn.v_proj.bias", [kv]);
                }
            }
            yield return (p + "self_attn.o_proj.weight", [h, q]);
            if (a.FusedPhi3) yield return (p + "mlp.gate_up_proj.weight", [2L * a.Inter, h]);
            else
            {
                yield return (p + "mlp.gate_proj.weight", [a.Inter, h]);
                yield return (p + "mlp.up_proj.weight", [a.Inter, h]);
            }
            yield return (p + "mlp.down_proj.weight", [h, a.Inter]);
        }
        yield return ("model.norm.weight", [h]);
        if (!a.Tied) yield return ("lm_head.weight", [a.Vocab, h]);
    }
}

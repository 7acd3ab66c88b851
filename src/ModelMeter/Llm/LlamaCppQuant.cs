using ModelMeter.Checkpoints;
using ModelMeter.Internals;
using ModelMeter.Llm.Internals;

namespace ModelMeter.Llm;

/// <summary>
/// llama.cpp quantization types (<c>llama-quantize</c>'s <c>Q4_K_M</c>, <c>Q8_0</c>, …) at their true sizes. A type names a
/// base ggml type (Q4_K_M → Q4_K) that <see cref="Plan"/> then adjusts per tensor as llama.cpp's
/// <c>llama_tensor_get_type</c> (src/llama-quant.cpp) does: output.weight at Q6_K; for Q4_K_M/Q5_K_M, attn_v and ffn_down
/// at Q6_K in the layers where <c>use_more_bits(i, n)</c> = i &lt; n/8 ∨ i ≥ 7n/8 ∨ (i − n/8) mod 3 = 2; Q3_K_M/L and
/// Q4_K_S raise their early attn_v/ffn_down; 8-expert models keep attn_k/attn_v at Q8_0; rows not a multiple of the block
/// fall back (Q4_K → Q5_0, Q6_K → Q8_0, …); 1-D tensors (norms, biases) and the router stay F32. So the average bits per
/// weight of a mixture depends on the model: Llama-2-7B Q4_K_M holds 4.08 GB of tensors (4.85 bits per weight).
/// </summary>
public static class LlamaCppQuant
{
    private static readonly Dictionary<string, GgmlType> Base = new(StringComparer.OrdinalIgnoreCase)
    {
        ["f32"] = GgmlType.F32, ["f16"] = GgmlType.F16, ["bf16"] = GgmlType.BF16,
        ["q4_0"] = GgmlType.Q4_0, ["q4_1"] = GgmlType.Q4_1, ["q5_0"] = GgmlType.Q5_0, ["q5_1"] = GgmlType.Q5_1, ["q8_0"] = GgmlType.Q8_0,
        ["q2_k"] = GgmlType.Q2_K, ["q3_k_s"] = GgmlType.Q3_K, ["q3_k_m"] = GgmlType.Q3_K, ["q3_k_l"] = GgmlType.Q3_K,
        ["q4_k_s"] = GgmlType.Q4_K, ["q4_k_m"] = GgmlType.Q4_K, ["q5_k_s"] = GgmlType.Q5_K, ["q5_k_m"] = GgmlType.Q5_K, ["q6_k"] = GgmlType.Q6_K,
        ["iq4_nl"] = GgmlType.IQ4_NL, ["iq4_xs"] = GgmlType.IQ4_XS, ["iq3_s"] = GgmlType.IQ3_S, ["iq3_xxs"] = GgmlType.IQ3_XXS,
        ["tq1_0"] = GgmlType.TQ1_0, ["tq2_0"] = GgmlType.TQ2_0,
    };

    /// <summary>The llama.cpp type names <c>--quant</c> accepts, lower case.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Base.Keys];

    /// <summary>True when <paramref name="name"/> is a llama.cpp type; <paramref name="baseType"/> is its base ggml type.</summary>
    public static bool TryParse(string? name, out GgmlType baseType) => Base.TryGetValue(name ?? "", out baseType);

    /// <summary>The llama.cpp type a parsed quantization names (<c>q4_k_m</c> of <c>q4_k_m/kv-fp8</c>), or null.</summary>
    public static string? TypeOf(LlmQuant quant)
    {
        var name = quant.Name ?? "";
        int slash = name.IndexOf('/');
        var head = slash < 0 ? name : name[..slash];
        return TryParse(head, out _) ? head.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The weights of <paramref name="config"/> quantized to <paramref name="ftype"/> as llama.cpp would store them: each
    /// tensor of the converted GGUF at the type <c>llama_tensor_get_type</c> picks, priced by its block layout.
    /// </summary>
    /// <exception cref="ModelMeterException">Usage error for an unknown type.</exception>
    public static LlmStoredWeights Plan(LlmConfig config, string ftype)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!TryParse(ftype, out var baseType)) throw ModelMeterException.Usage($"unknown llama.cpp type '{ftype}' (use {string.Join(", ", Names)})");
        var ft = ftype.ToLowerInvariant();
        var acc = new RowAccumulator();
        long total = 0, bytes = 0;
        foreach (var (name, ne0, elements, oneD) in GgufLayout.Tensors(config))
        {
            var type = oneD ? GgmlType.F32
                : name == "position_embd.weight" ? GgmlType.F16 // llama.cpp never quantizes position embeddings
                : !GgmlTypes.IsQuantized(baseType) ? baseType
                : TypeFor(config, ft, baseType, name, ne0);
            long b = GgmlTypes.Bytes(type, ne0, elements) ?? GgmlTypes.Bytes(GgmlType.F16, ne0, elements)!.Value;
            total += elements;
            bytes += b;
            var (stem, _, _) = LlmTensorMap.Split(name);
            foreach (var (row, share) in LlmTensorMap.Rows(stem, config))
                acc.Add(row, (long)Math.Round(elements * share), (long)Math.Round(b * share), type.ToString());
        }
        return new LlmStoredWeights
        {
            Source = $"llama.cpp {ft.ToUpperInvariant()} plan", FromCheckpoint = false, Rows = acc.Build(), TotalParams = total, TotalBytes = bytes,
        };
    }

    private static bool UseMoreBits(int i, int n) => i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;

    private static int Layer(string name)
    {
        if (!name.StartsWith("blk.", StringComparison.Ordinal)) return -1;
        int dot = name.IndexOf('.', 4);
        return int.TryParse(name.AsSpan(4, dot - 4), out int i) ? i : -1;
    }

    private static GgmlType TypeFor(LlmConfig c, string ft, GgmlType t, string name, long ne0)
    {
        int i = Layer(name), n = c.Layers;
        bool eight = c.Experts == 8;
        int gqa = c.KvHeads > 0 ? c.Heads / c.KvHeads : 1;
        bool falcon = c.ModelType.Equals("falcon", StringComparison.OrdinalIgnoreCase);
        if (name == "output.weight" || (c.TieEmbeddings && name == "token_embd.weight"))
            t = falcon || ne0 % GgmlTypes.BlockSize(t) != 0 ? GgmlType.Q8_0 : t != GgmlType.Q8_0 ? GgmlType.Q6_K : t;
        else if (name == "token_embd.weight") { }
        else if (name.Contains("attn_v.weight", StringComparison.Ordinal))
        {
            if (ft == "q2_k") t = gqa >= 4 ? GgmlType.Q4_K : GgmlType.Q3_K;
            else if (ft == "q3_k_m") t = i < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
            else if (ft == "q3_k_l") t = GgmlType.Q5_K;
            else if (ft is "iq4_nl" or "iq4_xs" && gqa >= 4) t = GgmlType.Q5_K;
            else if (ft is "q4_k_m" or "q5_k_m" && UseMoreBits(i, n)) t = GgmlType.Q6_K;
            else if (ft == "q4_k_s" && i < 4) t = GgmlType.Q5_K;
            if (n == 80 && c.ModelType.Equals("llama", StringComparison.OrdinalIgnoreCase) && t is GgmlType.Q3_K or GgmlType.Q4_K) t = GgmlType.Q5_K; // LLM_TYPE_70B
            if (eight) t = GgmlType.Q8_0;
        }
        else if (name.Contains("attn_k.weight", StringComparison.Ordinal)) { if (eight) t = GgmlType.Q8_0; }
        else if (name.Contains("ffn_down", StringComparison.Ordinal))
        {
            if (ft == "q2_k") t = GgmlType.Q3_K;
            else if (ft == "q3_k_m") t = i < n / 16 ? GgmlType.Q5_K : !falcon || UseMoreBits(i, n) ? GgmlType.Q4_K : GgmlType.Q3_K;
            else if (ft == "q3_k_l") t = falcon ? GgmlType.Q4_K : GgmlType.Q5_K;
            else if (ft == "q4_k_m") t = falcon ? (i < n / 16 ? GgmlType.Q6_K : UseMoreBits(i, n) ? GgmlType.Q5_K : GgmlType.Q4_K) : UseMoreBits(i, n) ? GgmlType.Q6_K : t;
            else if (i < n / 8 && ft is "iq4_nl" or "iq4_xs") t = GgmlType.Q5_K;
            else if (ft == "q5_k_m" && UseMoreBits(i, n)) t = GgmlType.Q6_K;
            else if (ft == "q4_k_s" && !falcon && i < n / 8) t = GgmlType.Q5_K;
        }
        else if (name.Contains("attn_output.weight", StringComparison.Ordinal) && !falcon)
        {
            if (eight) { if (ft is "q2_k" or "q3_k_s" or "q3_k_m" or "iq4_nl" or "q4_k_s" or "q4_k_m" or "iq3_s" or "iq4_xs") t = GgmlType.Q5_K; }
            else if (ft == "q2_k") t = GgmlType.Q3_K;
            else if (ft == "q3_k_m") t = GgmlType.Q4_K;
            else if (ft == "q3_k_l") t = GgmlType.Q5_K;
        }
        else if (name.Contains("attn_output.weight", StringComparison.Ordinal) && ft == "q3_k_l") t = GgmlType.Q4_K;
        else if (name.Contains("attn_qkv.weight", StringComparison.Ordinal))
        {
            if (ft is "q3_k_m" or "q3_k_l") t = GgmlType.Q4_K;
            else if (ft == "q4_k_m") t = GgmlType.Q5_K;
            else if (ft == "q5_k_m") t = GgmlType.Q6_K;
        }
        if (ne0 % GgmlTypes.BlockSize(t) == 0) return t;
        t = t switch
        {
            GgmlType.TQ1_0 or GgmlType.TQ2_0 => GgmlType.Q4_0,
            GgmlType.Q2_K or GgmlType.Q3_K or GgmlType.IQ4_XS or GgmlType.IQ3_S or GgmlType.IQ3_XXS => GgmlType.IQ4_NL,
            GgmlType.Q4_K => GgmlType.Q5_0,
            GgmlType.Q5_K => GgmlType.Q5_1,
            GgmlType.Q6_K => GgmlType.Q8_0,
            _ => t,
        };
        return ne0 % GgmlTypes.BlockSize(t) == 0 ? t : GgmlType.F16;
    }
}

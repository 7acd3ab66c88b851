using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>
/// Bit widths of an LLM deployment: weights (of the decoder's linear layers), activations, KV cache, and the
/// precision the linear layers compute in. Parse with <see cref="Parse"/> from <c>--quant</c> and <c>--kv-dtype</c>.
/// </summary>
/// <param name="Name">Label, e.g. <c>w4a16/kv-fp8</c>.</param>
/// <param name="WeightBits">Effective bits per quantized weight, group scales included (w4: 4 + 16/128).</param>
/// <param name="ActivationBits">Bits per activation element.</param>
/// <param name="KvBits">Bits per KV-cache element.</param>
/// <param name="Compute">Precision of the quantized linear layers' arithmetic.</param>
public readonly record struct LlmQuant(string Name, double WeightBits, int ActivationBits, int KvBits, Precision Compute)
{
    /// <summary>Group size of 4-bit weight quantization (one fp16 scale per group).</summary>
    public const int Int4GroupSize = 128;

    /// <summary>fp16/bf16 weights, activations and KV cache.</summary>
    public static LlmQuant W16A16 { get; } = new("w16a16", 16, 16, 16, Precision.Fp16);

    /// <summary>True for <c>default(LlmQuant)</c> (treated as <see cref="W16A16"/>).</summary>
    public bool IsDefault => Name is null;

    /// <summary>Bytes of an activation element.</summary>
    public double ActivationBytes => ActivationBits / 8.0;

    /// <summary>Bytes of a KV-cache element.</summary>
    public double KvBytes => KvBits / 8.0;

    /// <summary>Parses <c>--quant</c> (w16a16, w8a8, w8a16, w4a16, fp8, or a llama.cpp type such as q4_k_m) and <c>--kv-dtype</c> (fp16, bf16, fp8, int8; null = 16-bit).</summary>
    /// <exception cref="ModelMeterException">Usage error for an unknown value.</exception>
    public static LlmQuant Parse(string? quant, string? kvDtype = null)
    {
        var q = (quant ?? "w16a16").Trim().ToLowerInvariant();
        (double w, int a, Precision p) = q switch
        {
            "w16a16" or "fp16" or "bf16" => (16.0, 16, Precision.Fp16),
            "w8a8" or "int8" => (8.0, 8, Precision.Int8),
            "w8a16" => (8.0, 16, Precision.Fp16),
            "w4a16" or "int4" => (4.0 + 16.0 / Int4GroupSize, 16, Precision.Fp16),
            "fp8" or "w8a8-fp8" => (8.0, 8, Precision.Fp8),
            // llama.cpp types at their block layout's bits per weight (Q4_0 = 4.5); mixtures are refined per tensor by LlamaCppQuant.Plan
            _ when LlamaCppQuant.TryParse(q, out var t) => (Checkpoints.GgmlTypes.BitsPerWeight(t), 16, Precision.Fp16),
            _ => throw ModelMeterException.Usage($"unknown --quant '{quant}' (use w16a16, w8a8, w8a16, w4a16, fp8 or a llama.cpp type: {string.Join(", ", LlamaCppQuant.Names)})"),
        };
        var k = (kvDtype ?? "fp16").Trim().ToLowerInvariant();
        int kv = k switch
        {
            "fp16" or "bf16" or "16" => 16,
            "fp8" or "int8" or "8" => 8,
            _ => throw ModelMeterException.Usage($"unknown --kv-dtype '{kvDtype}' (use fp16, fp8 or int8)"),
        };
        return new LlmQuant(kv == 16 ? q : $"{q}/kv-{k}", w, a, kv, p);
    }
}

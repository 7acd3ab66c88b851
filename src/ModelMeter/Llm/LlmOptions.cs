namespace ModelMeter.Llm;

/// <summary>How an LLM is deployed: quantization, tensor-parallel degree and attention kernel.</summary>
/// <param name="Quant">Bit widths (default: w16a16).</param>
/// <param name="TensorParallel">Chips the model is sharded over (values below 1 mean 1).</param>
/// <param name="Flash">FlashAttention-style fused attention (no score matrix in memory).</param>
public readonly record struct LlmOptions(LlmQuant Quant = default, int TensorParallel = 1, bool Flash = false)
{
    /// <summary>The quantization, with <c>default</c> resolved to w16a16.</summary>
    public LlmQuant EffectiveQuant => Quant.IsDefault ? LlmQuant.W16A16 : Quant;

    /// <summary>The tensor-parallel degree, at least 1.</summary>
    public int Tp => Math.Max(1, TensorParallel);
}

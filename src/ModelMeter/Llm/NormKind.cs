namespace ModelMeter.Llm;

/// <summary>The normalisation a transformer uses before attention and MLP.</summary>
public enum NormKind
{
    /// <summary>RMSNorm (scale only; Llama, Mistral, Qwen2, Phi-3).</summary>
    RmsNorm,
    /// <summary>LayerNorm (scale and shift; GPT-2, GPT-NeoX, OPT).</summary>
    LayerNorm,
}

namespace ModelMeter.Zoo;

/// <summary>The fused attention op a <see cref="DecoderBuilder"/> graph uses.</summary>
public enum DecoderAttention
{
    /// <summary>
    /// com.microsoft GroupQueryAttention with rotary inside (<c>do_rotary</c>), as ONNX Runtime GenAI's model builder
    /// exports Llama-style decoders; K/V keep their KV-head count.
    /// </summary>
    GroupQuery,

    /// <summary>
    /// com.microsoft MultiHeadAttention (optimum / ORT transformer optimizer style) with separate com.microsoft
    /// RotaryEmbedding nodes on Q and K; needs as many KV heads as query heads.
    /// </summary>
    MultiHead,
}

namespace ModelMeter.Llm;

/// <summary>The stored weights behind one cost row (e.g. <c>layers.3.mlp.down_proj</c>, all experts together).</summary>
/// <param name="Row">Row name as the LLM profiler emits it.</param>
/// <param name="Params">Weights (packed integers unpacked: a GPTQ int32 holds 8 four-bit weights; scales and zeros are not weights).</param>
/// <param name="Bytes">Stored bytes, quantization scales and zeros included.</param>
/// <param name="Types">Stored types, e.g. <c>Q4_K</c>, <c>Q6_K</c> or <c>I32+F16</c> (GPTQ qweight + scales).</param>
public sealed record LlmStoredRow(string Row, long Params, long Bytes, string Types)
{
    /// <summary>Bits per weight as stored (8 × bytes / params; 0 without params).</summary>
    public double BitsPerWeight => Params == 0 ? 0 : 8.0 * Bytes / Params;
}

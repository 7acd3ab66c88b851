namespace ModelMeter.Checkpoints;

/// <summary>
/// One tensor of a checkpoint as its header describes it (the payload is never read).
/// </summary>
/// <param name="Name">Tensor name as stored (<c>blk.0.attn_q.weight</c>, <c>model.layers.0.self_attn.q_proj.weight</c>).</param>
/// <param name="DType">Stored type: a ggml type name (<c>Q4_K</c>) or a safetensors dtype (<c>BF16</c>, <c>F8_E4M3</c>, <c>I32</c>).</param>
/// <param name="Shape">Dimensions as the file lists them (GGUF: ne[0] first, the row length; safetensors: row-major, outermost first).</param>
/// <param name="Elements">Product of the dimensions (stored elements; a packed int32 holds several weights).</param>
/// <param name="Bytes">Bytes of the stored payload.</param>
/// <param name="File">File that holds the payload.</param>
/// <param name="Offset">Absolute byte offset of the payload in <paramref name="File"/>.</param>
public sealed record CheckpointTensor(string Name, string DType, IReadOnlyList<long> Shape, long Elements, long Bytes, string File, long Offset)
{
    /// <summary>Stored bits per element (8 × bytes / elements; 0 for an empty tensor).</summary>
    public double BitsPerElement => Elements == 0 ? 0 : 8.0 * Bytes / Elements;
}

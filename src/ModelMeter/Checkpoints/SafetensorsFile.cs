namespace ModelMeter.Checkpoints;

/// <summary>The header of one safetensors file.</summary>
/// <param name="Path">File path.</param>
/// <param name="Tensors">Tensors in header order.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings (e.g. <c>format: pt</c>).</param>
/// <param name="FileBytes">File length.</param>
public sealed record SafetensorsFile(string Path, IReadOnlyList<CheckpointTensor> Tensors, IReadOnlyDictionary<string, string> Metadata, long FileBytes);

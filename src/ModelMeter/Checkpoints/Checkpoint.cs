namespace ModelMeter.Checkpoints;

/// <summary>
/// The tensors of a checkpoint as its headers list them: one GGUF file, one safetensors file, or the shards of a
/// sharded safetensors checkpoint (through <c>model.safetensors.index.json</c>), with the <c>config.json</c> beside it.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>"gguf" or "safetensors".</summary>
    public required string Format { get; init; }
    /// <summary>The path given (file or folder).</summary>
    public required string Path { get; init; }
    /// <summary>Files read, in order.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>All tensors of all files.</summary>
    public required IReadOnlyList<CheckpointTensor> Tensors { get; init; }
    /// <summary>The GGUF header (null for safetensors).</summary>
    public GgufFile? Gguf { get; init; }
    /// <summary>The config.json found beside a safetensors checkpoint (null when none or for GGUF).</summary>
    public string? ConfigPath { get; init; }
    /// <summary>Notes about the checkpoint (an index whose total_size differs from the tensors' bytes, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Σ stored bytes of the tensors.</summary>
    public long TotalBytes => Tensors.Sum(t => t.Bytes);
}

namespace ModelMeter.Checkpoints;

/// <summary>The header of a GGUF file: version, metadata and tensor infos (<see cref="GgufReader"/>).</summary>
public sealed record GgufFile
{
    /// <summary>File path.</summary>
    public required string Path { get; init; }
    /// <summary>GGUF version (2 or 3).</summary>
    public required uint Version { get; init; }
    /// <summary>Metadata key/values in file order.</summary>
    public required IReadOnlyDictionary<string, GgufValue> Metadata { get; init; }
    /// <summary>Tensor infos in file order.</summary>
    public required IReadOnlyList<CheckpointTensor> Tensors { get; init; }
    /// <summary>Alignment of tensor data (<c>general.alignment</c>, default 32).</summary>
    public required long Alignment { get; init; }
    /// <summary>Absolute offset where tensor data begins.</summary>
    public required long DataOffset { get; init; }
    /// <summary>File length in bytes.</summary>
    public required long FileBytes { get; init; }

    /// <summary>A metadata value, or null.</summary>
    public GgufValue? Get(string key) => Metadata.TryGetValue(key, out var v) ? v : null;

    /// <summary><c>general.architecture</c> (empty when absent).</summary>
    public string Architecture => Get("general.architecture")?.AsString ?? "";
}

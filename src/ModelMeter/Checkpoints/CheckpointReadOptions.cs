namespace ModelMeter.Checkpoints;

/// <summary>Bounds on what a checkpoint header may declare before the file is refused as malformed (0 or less: the default).</summary>
public readonly record struct CheckpointReadOptions
{
    /// <summary>Default <see cref="MaxHeaderBytes"/>: 100 MB, the limit of the safetensors reference implementation.</summary>
    public const long DefaultMaxHeaderBytes = 100_000_000;
    /// <summary>Default <see cref="MaxTensors"/>.</summary>
    public const int DefaultMaxTensors = 1_000_000;
    /// <summary>Default <see cref="MaxStringBytes"/>.</summary>
    public const int DefaultMaxStringBytes = 16 << 20;
    /// <summary>Default <see cref="MaxArrayItemsKept"/>.</summary>
    public const int DefaultMaxArrayItemsKept = 1 << 16;

    /// <summary>Largest header (safetensors JSON; GGUF metadata + tensor infos) in bytes.</summary>
    public long MaxHeaderBytes { get; init; }
    /// <summary>Largest number of tensors (and of GGUF metadata keys).</summary>
    public int MaxTensors { get; init; }
    /// <summary>Largest single string (a key, a chat template) in bytes.</summary>
    public int MaxStringBytes { get; init; }
    /// <summary>Numeric GGUF arrays up to this length keep their items; longer ones (and string arrays) keep only their length.</summary>
    public int MaxArrayItemsKept { get; init; }

    internal long HeaderCap => MaxHeaderBytes > 0 ? MaxHeaderBytes : DefaultMaxHeaderBytes;
    internal int TensorCap => MaxTensors > 0 ? MaxTensors : DefaultMaxTensors;
    internal int StringCap => MaxStringBytes > 0 ? MaxStringBytes : DefaultMaxStringBytes;
    internal int ArrayKeep => MaxArrayItemsKept > 0 ? MaxArrayItemsKept : DefaultMaxArrayItemsKept;
}

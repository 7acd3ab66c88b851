namespace ModelMeter.Llm;

/// <summary>
/// The weights of an LLM as stored: per cost row, the parameters, bytes and types of the tensors behind it. Read from a
/// checkpoint's headers (<see cref="LlmCheckpoint"/>), or derived from a config and a llama.cpp quantization type
/// (<see cref="LlamaCppQuant"/>). When an <see cref="LlmConfig"/> carries them, the profiler prices each row's weight
/// traffic and the resident weights at these bytes instead of at a uniform bit width.
/// </summary>
public sealed record LlmStoredWeights
{
    /// <summary>Where they come from ("Q4_K_M.gguf", "llama.cpp Q4_K_M plan").</summary>
    public required string Source { get; init; }
    /// <summary>True when read from checkpoint headers (exact); false for a derived plan.</summary>
    public required bool FromCheckpoint { get; init; }
    /// <summary>Rows by name.</summary>
    public required IReadOnlyDictionary<string, LlmStoredRow> Rows { get; init; }
    /// <summary>All parameters, tensors outside the cost rows included.</summary>
    public required long TotalParams { get; init; }
    /// <summary>All stored bytes, tensors outside the cost rows included.</summary>
    public required long TotalBytes { get; init; }
    /// <summary>Tensors that belong to no cost row (name, params, bytes): rotary tables, vision towers, MTP heads.</summary>
    public IReadOnlyList<(string Name, long Params, long Bytes)> Unmatched { get; init; } = [];

    /// <summary>The row named <paramref name="row"/>, or null.</summary>
    public LlmStoredRow? Get(string row) => Rows.TryGetValue(row, out var r) ? r : null;

    /// <summary>Bytes per weight of the decoder's layers (rows under <c>layers.</c>), as an average bit width.</summary>
    public double LayerBitsPerWeight
    {
        get
        {
            long p = 0, b = 0;
            foreach (var r in Rows.Values)
                if (r.Row.StartsWith("layers.", StringComparison.Ordinal)) { p += r.Params; b += r.Bytes; }
            return p == 0 ? 0 : 8.0 * b / p;
        }
    }
}

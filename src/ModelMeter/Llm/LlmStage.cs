using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>One inference stage of an LLM on one chip: prefill of the prompt, or one decode step.</summary>
public sealed record LlmStage
{
    /// <summary>"prefill" or "decode".</summary>
    public required string Kind { get; init; }
    /// <summary>Sequences in the batch.</summary>
    public required int Batch { get; init; }
    /// <summary>New tokens per sequence in this stage (prompt length for prefill, 1 for decode).</summary>
    public required int Tokens { get; init; }
    /// <summary>Keys each new token's attention spans at the end of the stage in the widest layer (window-capped context length
    /// when every layer slides; the full context when some layers attend globally).</summary>
    public required long AttendedKeys { get; init; }
    /// <summary>Per-layer costs on one chip (rows <c>layers.N.attn.q_proj</c>, …).</summary>
    public required ModelProfile Profile { get; init; }
    /// <summary>Bytes of KV cache read by the stage (all layers, one chip).</summary>
    public long KvReadBytes { get; init; }
    /// <summary>Bytes of KV cache written by the stage (all layers, one chip).</summary>
    public long KvWriteBytes { get; init; }
    /// <summary>Number of all-reduces (two per layer under tensor parallelism, else 0).</summary>
    public int AllReduces { get; init; }
    /// <summary>Size in bytes of each all-reduce's message (the layer output: batch × tokens × hidden activations).</summary>
    public long AllReduceBytes { get; init; }
}

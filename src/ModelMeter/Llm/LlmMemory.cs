namespace ModelMeter.Llm;

/// <summary>Memory of one chip for a batch: weights, KV cache and activations.</summary>
/// <param name="WeightBytes">Weights held by the chip.</param>
/// <param name="KvBytesPerToken">KV cache per token of one sequence.</param>
/// <param name="KvCacheBytes">KV cache of the whole batch at the final length (window-capped).</param>
/// <param name="ActivationBytes">Peak activations (largest op's inputs + outputs during prefill).</param>
/// <param name="CapacityBytes">The chip's memory.</param>
/// <param name="MaxBatch">Largest batch whose weights + KV cache + activations fit (0: not even one sequence).</param>
public sealed record LlmMemory(long WeightBytes, long KvBytesPerToken, long KvCacheBytes, long ActivationBytes, long CapacityBytes, int MaxBatch)
{
    /// <summary>Weights + KV cache + activations.</summary>
    public long TotalBytes => WeightBytes + KvCacheBytes + ActivationBytes;

    /// <summary>True when <see cref="TotalBytes"/> fits in the chip's memory.</summary>
    public bool Fits => TotalBytes <= CapacityBytes;
}

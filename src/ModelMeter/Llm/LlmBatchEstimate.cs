namespace ModelMeter.Llm;

/// <summary>Estimate for one batch size.</summary>
/// <param name="Batch">Concurrent sequences.</param>
/// <param name="Prefill">Prefill of the prompt (time to first token).</param>
/// <param name="Decode">One decode step at the mean attended context of the generation (time per output token).</param>
/// <param name="DecodeSteps">Decode steps after prefill (Generate − 1).</param>
/// <param name="Memory">Memory per chip.</param>
/// <param name="MemoryBandwidthUtilisation">Decode bytes moved / (TPOT × bandwidth), 0–1.</param>
public sealed record LlmBatchEstimate(int Batch, LlmStageEstimate Prefill, LlmStageEstimate Decode, int DecodeSteps, LlmMemory Memory, double MemoryBandwidthUtilisation)
{
    /// <summary>Time to first token, seconds.</summary>
    public double TtftSeconds => Prefill.Seconds;
    /// <summary>Time per output token (decode step at the mean context), seconds.</summary>
    public double TpotSeconds => Decode.Seconds;
    /// <summary>Decode tokens per second for one user.</summary>
    public double TokensPerSecondPerUser => 1 / TpotSeconds;
    /// <summary>Decode tokens per second over the batch.</summary>
    public double TokensPerSecond => Batch / TpotSeconds;
    /// <summary>Request latency: TTFT + decode steps × TPOT.</summary>
    public double EndToEndSeconds => TtftSeconds + DecodeSteps * TpotSeconds;
}

namespace ModelMeter.Llm;

/// <summary>An engine's forecast of one LLM batch size: the fused bound and the prediction of prefill and decode. Times in seconds.</summary>
/// <param name="Batch">Concurrent sequences.</param>
/// <param name="Engine">Engine id.</param>
/// <param name="EngineAssumed">True when no engine was given and the chip kind's default was used.</param>
/// <param name="BoundTtftS">Fused roofline of the prefill at datasheet peaks plus the all-reduces at the link's rate: a lower bound.</param>
/// <param name="BoundTpotS">Fused roofline of one decode step (at the mean context) plus all-reduces: a lower bound.</param>
/// <param name="PredictedTtftS">Predicted time to first token.</param>
/// <param name="PredictedTpotS">Predicted time per output token.</param>
public sealed record LlmPrediction(int Batch, string Engine, bool EngineAssumed, double BoundTtftS, double BoundTpotS, double PredictedTtftS, double PredictedTpotS)
{
    /// <summary>Predicted decode tokens per second over the batch.</summary>
    public double PredictedTokensPerS => PredictedTpotS > 0 ? Batch / PredictedTpotS : 0;
    /// <summary>Kernels per decode step under the engine.</summary>
    public int DecodeKernels { get; init; }
    /// <summary>Predicted all-reduce time per decode step (NCCL bus bandwidth), included in <see cref="PredictedTpotS"/>.</summary>
    public double DecodeCommS { get; init; }
}

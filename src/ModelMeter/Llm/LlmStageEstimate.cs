namespace ModelMeter.Llm;

/// <summary>Roofline time of one stage on one chip, with the tensor-parallel communication added.</summary>
/// <param name="Stage">The stage's costs.</param>
/// <param name="ComputeSeconds">Time of the rows (per row max of compute and memory time, summed).</param>
/// <param name="CommSeconds">All-reduce time.</param>
/// <param name="FlopSeconds">Σ FLOPs / peak (what pure compute would take).</param>
/// <param name="MemorySeconds">Σ bytes / bandwidth (what pure memory traffic would take).</param>
public sealed record LlmStageEstimate(LlmStage Stage, double ComputeSeconds, double CommSeconds, double FlopSeconds, double MemorySeconds)
{
    /// <summary>Stage latency: rows + communication.</summary>
    public double Seconds => ComputeSeconds + CommSeconds;

    /// <summary>"compute" or "memory": which of <see cref="FlopSeconds"/> and <see cref="MemorySeconds"/> is larger.</summary>
    public string Bound => FlopSeconds >= MemorySeconds ? "compute" : "memory";
}

namespace ModelMeter.Llm;

/// <summary>The LLM analysis: model, deployment, workload and one estimate per batch size.</summary>
/// <param name="Config">The model.</param>
/// <param name="Options">Quantization, tensor parallel, attention kernel.</param>
/// <param name="Workload">Prompt, generation and batch sizes.</param>
/// <param name="Chip">The chip (each of <c>Options.Tp</c> chips).</param>
/// <param name="Params">Parameter counts of the whole model.</param>
/// <param name="Batches">One estimate per batch size.</param>
public sealed record LlmEstimate(LlmConfig Config, LlmOptions Options, LlmWorkload Workload, LlmChip Chip, LlmParamCount Params, IReadOnlyList<LlmBatchEstimate> Batches)
{
    /// <summary>Warnings about the workload (e.g. a context beyond <c>max_position_embeddings</c>); empty when none.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Engine-aware forecasts, one per batch size in <see cref="Batches"/> order; empty until a forecast is made
    /// (<c>Roofline.LlmForecast</c>).</summary>
    public IReadOnlyList<LlmPrediction> Predictions { get; init; } = [];
}

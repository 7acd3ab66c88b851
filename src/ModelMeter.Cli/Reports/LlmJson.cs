using System.Text.Json;
using System.Text.Json.Nodes;
using ModelMeter.Llm;
using ModelMeter.Reports.Json;
using ModelMeter.Roofline;

namespace ModelMeter.Cli.Reports;

/// <summary>One stage (prefill, or one decode step) in the <c>"llm"</c> section. Times in seconds.</summary>
/// <param name="Tokens">New tokens per sequence (prompt length, or 1).</param>
/// <param name="AttendedKeys">Keys each new token attends to at the end of the stage.</param>
/// <param name="Flops">FLOPs of the stage on one chip.</param>
/// <param name="Bytes">Bytes moved by the stage on one chip.</param>
/// <param name="KvReadBytes">KV-cache bytes read.</param>
/// <param name="KvWriteBytes">KV-cache bytes written.</param>
/// <param name="ComputeS">Roofline time of the rows.</param>
/// <param name="CommS">Tensor-parallel all-reduce time.</param>
/// <param name="TimeS">ComputeS + CommS.</param>
/// <param name="Bound">"compute" or "memory" (Σ FLOPs/peak against Σ bytes/bandwidth).</param>
internal sealed record LlmStageSection(int Tokens, long AttendedKeys, long Flops, long Bytes, long KvReadBytes, long KvWriteBytes,
    double ComputeS, double CommS, double TimeS, string Bound)
{
    /// <summary>From the estimator's stage.</summary>
    public static LlmStageSection From(LlmStageEstimate s) => new(s.Stage.Tokens, s.Stage.AttendedKeys, s.Stage.Profile.Totals.Flops,
        s.Stage.Profile.Totals.MemoryAccessBytes, s.Stage.KvReadBytes, s.Stage.KvWriteBytes, s.ComputeSeconds, s.CommSeconds, s.Seconds, s.Bound);
}

/// <summary>The LLM figures of one batch size (per chip when tensor parallel).</summary>
internal record LlmBatchSection
{
    /// <summary>Concurrent sequences.</summary>
    public required int Batch { get; init; }
    /// <summary>Prefill of the prompt.</summary>
    public required LlmStageSection Prefill { get; init; }
    /// <summary>One decode step at the mean context of the generation.</summary>
    public required LlmStageSection Decode { get; init; }
    /// <summary>KV cache of the batch at the final length, bytes per chip.</summary>
    public required long KvCacheBytes { get; init; }
    /// <summary>Time to first token (prefill), seconds.</summary>
    public required double TtftS { get; init; }
    /// <summary>Time per output token, seconds.</summary>
    public required double TpotS { get; init; }
    /// <summary>Decode tokens per second over the batch.</summary>
    public required double TokensPerS { get; init; }
    /// <summary>Decode tokens per second for one user.</summary>
    public required double TokensPerSPerUser { get; init; }
    /// <summary>TTFT + (generate − 1) × TPOT, seconds.</summary>
    public required double EndToEndS { get; init; }
    /// <summary>Decode bytes / (TPOT × bandwidth).</summary>
    public required double MemoryBandwidthUtilisation { get; init; }
    /// <summary>Weights per chip, bytes.</summary>
    public required long WeightBytes { get; init; }
    /// <summary>Peak activations, bytes.</summary>
    public required long ActivationBytes { get; init; }
    /// <summary>Weights + KV cache + activations, bytes per chip.</summary>
    public required long MemoryBytes { get; init; }
    /// <summary>Whether <see cref="MemoryBytes"/> fits the chip.</summary>
    public required bool FitsInMemory { get; init; }
    /// <summary>Largest batch that fits.</summary>
    public required int MaxBatch { get; init; }
    /// <summary>Engine of the bound and prediction fields (given with --engine, else the chip kind's default LLM engine).</summary>
    public string? Engine { get; init; }
    /// <summary>Fused roofline of the engine's prefill kernels + all-reduces: a lower bound on TTFT, seconds.</summary>
    public double? BoundTtftS { get; init; }
    /// <summary>Fused roofline of the engine's decode kernels + all-reduces: a lower bound on TPOT, seconds.</summary>
    public double? BoundTpotS { get; init; }
    /// <summary>Predicted time to first token under the engine, seconds.</summary>
    public double? PredictedTtftS { get; init; }
    /// <summary>Predicted time per output token under the engine, seconds.</summary>
    public double? PredictedTpotS { get; init; }
    /// <summary>Predicted decode tokens per second over the batch.</summary>
    public double? PredictedTokensPerS { get; init; }

    /// <summary>From one batch estimate and its engine forecast (null when none was made).</summary>
    public static LlmBatchSection From(LlmBatchEstimate b, LlmPrediction? p) => new()
    {
        Engine = p?.Engine, BoundTtftS = p?.BoundTtftS, BoundTpotS = p?.BoundTpotS, PredictedTtftS = p?.PredictedTtftS,
        PredictedTpotS = p?.PredictedTpotS, PredictedTokensPerS = p?.PredictedTokensPerS,
        Batch = b.Batch, Prefill = LlmStageSection.From(b.Prefill), Decode = LlmStageSection.From(b.Decode),
        KvCacheBytes = b.Memory.KvCacheBytes, TtftS = b.TtftSeconds, TpotS = b.TpotSeconds, TokensPerS = b.TokensPerSecond,
        TokensPerSPerUser = b.TokensPerSecondPerUser, EndToEndS = b.EndToEndSeconds, MemoryBandwidthUtilisation = b.MemoryBandwidthUtilisation,
        WeightBytes = b.Memory.WeightBytes, ActivationBytes = b.Memory.ActivationBytes, MemoryBytes = b.Memory.TotalBytes,
        FitsInMemory = b.Memory.Fits, MaxBatch = b.Memory.MaxBatch,
    };
}

/// <summary>The <c>"llm"</c> section: the first batch size's figures at the top level, and every batch size in <see cref="Batches"/>.</summary>
internal sealed record LlmSection : LlmBatchSection
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }
    /// <summary>Hardware id (each of <see cref="Tp"/> chips).</summary>
    public required string Hardware { get; init; }
    /// <summary>Quantization label (w16a16, w4a16/kv-fp8).</summary>
    public required string Quant { get; init; }
    /// <summary>Tensor-parallel degree.</summary>
    public required int Tp { get; init; }
    /// <summary>FlashAttention-style fused attention.</summary>
    public required bool Flash { get; init; }
    /// <summary>Prompt tokens.</summary>
    public required int Prompt { get; init; }
    /// <summary>Generated tokens.</summary>
    public required int Generate { get; init; }
    /// <summary>Parameters, whole model.</summary>
    public required long ParamsTotal { get; init; }
    /// <summary>Parameters used per token.</summary>
    public required long ParamsActive { get; init; }
    /// <summary>Every batch size.</summary>
    public required IReadOnlyList<LlmBatchSection> Batches { get; init; }
    /// <summary>Parameters by the config formula (equal to <see cref="ParamsTotal"/> unless a checkpoint was read).</summary>
    public long ParamsConfig { get; init; }
    /// <summary>The stored weights (checkpoint headers or a llama.cpp plan); null when priced by formula.</summary>
    public LlmWeightsSection? StoredWeights { get; init; }
}

/// <summary>The stored weights of the model: where from, totals, types and differences from the config formula.</summary>
/// <param name="Source">Checkpoint file or folder name, or "llama.cpp Q4_K_M plan".</param>
/// <param name="FromCheckpoint">True when read from checkpoint headers.</param>
/// <param name="Params">All stored weights.</param>
/// <param name="Bytes">All stored bytes.</param>
/// <param name="LayerBitsPerWeight">8 × bytes / params over the decoder layers.</param>
/// <param name="LayerTypes">Stored types in the layers, most bytes first.</param>
/// <param name="Differences">Why <paramref name="Params"/> differs from the config formula (empty when equal).</param>
/// <param name="Rows">Per cost row (with --tensors), else null.</param>
internal sealed record LlmWeightsSection(string Source, bool FromCheckpoint, long Params, long Bytes, double LayerBitsPerWeight,
    IReadOnlyList<string> LayerTypes, IReadOnlyList<string> Differences, IReadOnlyList<LlmStoredRow>? Rows)
{
    /// <summary>From the config's stored weights, or null.</summary>
    public static LlmWeightsSection? From(LlmConfig config, bool rows) => config.Weights is not { } w ? null
        : new(w.Source, w.FromCheckpoint, w.TotalParams, w.TotalBytes, w.LayerBitsPerWeight, LlmWeightReport.LayerTypes(w),
            w.FromCheckpoint ? LlmWeightReport.Differences(config) : [], rows ? [.. w.Rows.Values.OrderBy(r => r.Row, StringComparer.Ordinal)] : null);
}

/// <summary>The document of <c>modelmeter llm --format json</c>: <c>{ "schema", "estimates": […], "llm": {…} }</c>.</summary>
/// <param name="Schema">Always <c>modelmeter/llm/v1</c>.</param>
/// <param name="Estimates">Roofline estimates: prefill then decode per batch (each with a <c>"stage"</c> member).</param>
/// <param name="Llm">The LLM section.</param>
internal sealed record LlmDocument(string Schema, IReadOnlyList<object> Estimates, LlmSection Llm)
{
    /// <summary>Builds the document; <paramref name="stageEstimates"/> holds (stage, roofline estimate) pairs.</summary>
    public static LlmDocument From(LlmEstimate est, string hardware, IReadOnlyList<(string Stage, Estimate Estimate)> stageEstimates, bool rows = false)
    {
        var batches = est.Batches.Select((b, i) => LlmBatchSection.From(b, i < est.Predictions.Count ? est.Predictions[i] : null)).ToList();
        var first = batches[0];
        var llm = new LlmSection
        {
            Batch = first.Batch, Prefill = first.Prefill, Decode = first.Decode, KvCacheBytes = first.KvCacheBytes, TtftS = first.TtftS,
            TpotS = first.TpotS, TokensPerS = first.TokensPerS, TokensPerSPerUser = first.TokensPerSPerUser, EndToEndS = first.EndToEndS,
            MemoryBandwidthUtilisation = first.MemoryBandwidthUtilisation, WeightBytes = first.WeightBytes, ActivationBytes = first.ActivationBytes,
            MemoryBytes = first.MemoryBytes, FitsInMemory = first.FitsInMemory, MaxBatch = first.MaxBatch,
            Engine = first.Engine, BoundTtftS = first.BoundTtftS, BoundTpotS = first.BoundTpotS, PredictedTtftS = first.PredictedTtftS,
            PredictedTpotS = first.PredictedTpotS, PredictedTokensPerS = first.PredictedTokensPerS,
            Model = est.Config.Name, Hardware = hardware, Quant = est.Options.EffectiveQuant.Name, Tp = est.Options.Tp, Flash = est.Options.Flash,
            Prompt = est.Workload.Prompt, Generate = est.Workload.Generate, ParamsTotal = est.Params.Total, ParamsActive = est.Params.Active,
            Batches = batches,
            ParamsConfig = LlmParamCount.Of(est.Config with { Weights = null }).Total,
            StoredWeights = LlmWeightsSection.From(est.Config, rows),
        };
        var estimates = stageEstimates.Select(se =>
        {
            var node = JsonSerializer.SerializeToNode(se.Estimate, EstimateJson.EstimateTypeInfo)!.AsObject();
            node.Insert(0, "stage", se.Stage);
            return (object)node;
        }).ToList();
        return new LlmDocument("modelmeter/llm/v1", estimates, llm);
    }

    /// <summary>Serialises with the contract's options.</summary>
    public string Serialize() => AnalysisJson.Serialize(this, CliJsonContext.Default.LlmDocument);
}

using ModelMeter.Engines;
using ModelMeter.Hardware;
using ModelMeter.Llm;

namespace ModelMeter.Roofline;

/// <summary>
/// Engine-aware forecasts of an LLM estimate: each stage is rebuilt with the engine's attention kernel (fused or not), turned
/// into the engine's kernels (<see cref="LlmKernels"/>) and priced by <see cref="Forecaster"/>. Decode GEMMs stream weights at
/// the engine's decode bandwidth fraction; each step pays the engine's per-step overhead; tensor-parallel all-reduces run at the
/// achievable NCCL bus bandwidth.
/// </summary>
public static class LlmForecast
{
    /// <summary>Achieved / line-rate bus bandwidth of NCCL all-reduce (nccl-tests: A100 NVLink 230 of 300 GB/s, H100 370 of
    /// 450 GB/s; NVIDIA/nccl-tests issues 149 and 212).</summary>
    public const double NcclBusEfficiency = 0.8;

    /// <summary><paramref name="est"/> with its <see cref="LlmEstimate.Predictions"/> filled in, and a note when the engine was assumed.</summary>
    public static LlmEstimate WithForecast(this LlmEstimate est, HardwareSpec hw, EngineSpec? engine, EngineCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(est);
        ArgumentNullException.ThrowIfNull(hw);
        (catalog ?? EngineCatalog.Default).Choose(hw, engine, llm: true, out var note);
        var predictions = Run(hw, est, engine, catalog);
        return est with { Predictions = predictions, Notes = note.Length == 0 ? est.Notes : [.. est.Notes, note] };
    }

    /// <summary>One prediction per batch size of <paramref name="est"/>, under <paramref name="engine"/> (null = the chip kind's default).</summary>
    public static IReadOnlyList<LlmPrediction> Run(HardwareSpec hw, LlmEstimate est, EngineSpec? engine, EngineCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(hw);
        ArgumentNullException.ThrowIfNull(est);
        catalog ??= EngineCatalog.Default;
        var used = Resolve(hw, engine, catalog);
        var options = est.Options with { Flash = used.Fusion.FlashAttention };
        long context = LlmEstimator.MeanAttendedContext(est.Config, est.Workload);
        var list = new List<LlmPrediction>();
        foreach (var b in est.Batches)
        {
            var prefill = Stage(hw, used, catalog, LlmProfiler.Prefill(est.Config, options, b.Batch, est.Workload.Prompt), est.Chip, options.Tp);
            double weightBits = options.EffectiveQuant.WeightBits;
            if (used.PrefillDequantizes && weightBits < 16)
            {
                // an extra pass: every weight written and read again in fp16 (16 / bits × the stored bytes, twice)
                double fp16 = LlmProfiler.WeightBytesPerChip(est.Config, options) * 16 / weightBits;
                prefill = prefill with { Predicted = prefill.Predicted + 2 * fp16 / (hw.BandwidthBytesPerSecond * catalog.ArchitectureOf(hw).Bandwidth) };
            }
            // weights stored below 16 bits but multiplied in 16-bit arithmetic are dequantised on the fly (q4_0, q8_0, w4a16)
            var q = options.EffectiveQuant;
            bool dequantized = q.WeightBits < 16 && q.Compute is Costs.Precision.Fp16 or Costs.Precision.Bf16;
            double decodeFraction = dequantized ? used.QuantizedDecodeBandwidthFraction ?? used.DecodeBandwidthFraction : used.DecodeBandwidthFraction;
            var decode = Stage(hw, used, catalog, LlmProfiler.Decode(est.Config, options, b.Batch, context), est.Chip, options.Tp, decodeFraction);
            list.Add(new LlmPrediction(b.Batch, used.Id, engine is null || used.Id != engine.Id, prefill.Bound, decode.Bound, prefill.Predicted, decode.Predicted)
            {
                DecodeKernels = decode.Kernels, DecodeCommS = decode.Comm,
            });
        }
        return list;
    }

    /// <summary>The engine used on <paramref name="hw"/>: <paramref name="engine"/> when it runs on the chip's kind, else the kind's LLM default.</summary>
    public static EngineSpec Resolve(HardwareSpec hw, EngineSpec? engine, EngineCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Choose(hw, engine, llm: true, out _);
    }

    /// <summary>
    /// Predicted seconds of one stage under <paramref name="engine"/> (its kernels, decode bandwidth fraction for decode-only
    /// stages, per-step overhead, NCCL all-reduces): the step time of the serving simulation when an engine is given.
    /// </summary>
    public static double PredictedSeconds(HardwareSpec hw, EngineSpec engine, LlmStage stage, LlmChip chip, LlmConfig config, LlmOptions options,
        EngineCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(hw);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(engine);
        catalog ??= EngineCatalog.Default;
        var q = options.EffectiveQuant;
        if (stage.Kind == "decode")
        {
            bool dequantized = q.WeightBits < 16 && q.Compute is Costs.Precision.Fp16 or Costs.Precision.Bf16;
            double fraction = dequantized ? engine.QuantizedDecodeBandwidthFraction ?? engine.DecodeBandwidthFraction : engine.DecodeBandwidthFraction;
            return Stage(hw, engine, catalog, stage, chip, options.Tp, fraction).Predicted;
        }
        double predicted = Stage(hw, engine, catalog, stage, chip, options.Tp).Predicted;
        if (engine.PrefillDequantizes && q.WeightBits < 16)
            predicted += 2 * LlmProfiler.WeightBytesPerChip(config, options) * 16 / q.WeightBits / (hw.BandwidthBytesPerSecond * catalog.ArchitectureOf(hw).Bandwidth);
        return predicted;
    }

    static (double Bound, double Predicted, int Kernels, double Comm) Stage(HardwareSpec hw, EngineSpec engine, EngineCatalog catalog,
        LlmStage stage, LlmChip chip, int tp, double decodeFraction = 1)
    {
        var plan = LlmKernels.Plan(stage.Profile, engine.Fusion, engine.Id, stage.Batch);
        var f = Forecaster.Run(plan, hw, engine, new EstimateOptions(Batch: stage.Batch), catalog, decodeFraction);
        double comm = stage.AllReduces * chip.AllReduceSeconds(stage.AllReduceBytes, tp);
        double commPredicted = stage.AllReduces == 0 ? 0
            : stage.AllReduces * (chip.CollectiveLatencyS + (chip.AllReduceSeconds(stage.AllReduceBytes, tp) - chip.CollectiveLatencyS) / NcclBusEfficiency);
        return (f.BoundLatencyS + comm, f.PredictedLatencyS + commPredicted + engine.PerStepS, plan.Kernels.Count, commPredicted);
    }
}

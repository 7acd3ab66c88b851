using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>
/// Turns LLM stages into latency, throughput and memory on a chip: a roofline per row (or the caller's roofline),
/// plus ring all-reduces under tensor parallelism. TPOT is the decode step at the mean attended context of the generation.
/// </summary>
public static class LlmEstimator
{
    /// <summary>Roofline time of a profile on a chip: Σ over rows of max(FLOPs / peak, bytes / bandwidth).</summary>
    public static double RooflineSeconds(ModelProfile profile, LlmChip chip)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(chip);
        return profile.Nodes.Sum(n => Math.Max(n.Flops / chip.PeakFor(n), n.MemoryAccessBytes / chip.MemoryBandwidth));
    }

    /// <summary>Estimates a stage; <paramref name="roofline"/> (the roofline engine) replaces <see cref="RooflineSeconds"/> when given.</summary>
    public static LlmStageEstimate Stage(LlmStage stage, LlmChip chip, int tp, Func<ModelProfile, double>? roofline = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(chip);
        var p = stage.Profile;
        double rows = roofline?.Invoke(p) ?? RooflineSeconds(p, chip);
        double comm = stage.AllReduces * chip.AllReduceSeconds(stage.AllReduceBytes, tp);
        double flopS = p.Nodes.Sum(n => n.Flops / chip.PeakFor(n));
        double memS = p.Nodes.Sum(n => n.MemoryAccessBytes / chip.MemoryBandwidth);
        return new LlmStageEstimate(stage, rows, comm, flopS, memS);
    }

    /// <summary>Estimates every batch size of <paramref name="workload"/>.</summary>
    /// <exception cref="ModelMeterException">Usage error for an empty or non-positive workload.</exception>
    public static LlmEstimate Estimate(LlmConfig config, LlmOptions options, LlmWorkload workload, LlmChip chip, Func<ModelProfile, double>? roofline = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(chip);
        if (workload.Prompt <= 0 || workload.Generate <= 0)
            throw ModelMeterException.Usage($"--prompt and --generate must be positive (got {workload.Prompt}, {workload.Generate})");
        if (workload.Batches is null || workload.Batches.Count == 0)
            throw ModelMeterException.Usage("--batch needs at least one batch size");
        var notes = ContextNotes(config, workload);
        long meanContext = MeanAttendedContext(config, workload);
        var list = new List<LlmBatchEstimate>();
        foreach (var b in workload.Batches)
        {
            try
            {
                var prefill = Stage(LlmProfiler.Prefill(config, options, b, workload.Prompt), chip, options.Tp, roofline);
                var decode = Stage(LlmProfiler.Decode(config, options, b, meanContext), chip, options.Tp, roofline);
                var memory = Memory(config, options, workload, chip, b, prefill.Stage.Profile.Totals.PeakActivationBytes);
                // every row's time is at least its bytes / bandwidth, so the ratio is ≤ 1 up to rounding of the sums
                double util = Math.Min(1.0, decode.Stage.Profile.Totals.MemoryAccessBytes / (decode.Seconds * chip.MemoryBandwidth));
                list.Add(new LlmBatchEstimate(b, prefill, decode, workload.Generate - 1, memory, util));
            }
            catch (OverflowException)
            {
                throw ModelMeterException.Usage($"batch {b} × prompt {workload.Prompt} + generate {workload.Generate} is too large: "
                    + "the byte counts of one stage overflow 64 bits");
            }
        }
        return new LlmEstimate(config, options, workload, chip, LlmParamCount.Of(config), list) { Notes = notes };
    }

    /// <summary>
    /// Checks the final length (prompt + generate) against the config's <c>max_position_embeddings</c>: beyond a learned
    /// position table it is a usage error (no embedding exists for those positions); with rotary positions it is a note
    /// (the model was not trained that long, though RoPE scaling can stretch it).
    /// </summary>
    /// <exception cref="ModelMeterException">Usage error past a learned position table.</exception>
    public static IReadOnlyList<string> ContextNotes(LlmConfig config, LlmWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(config);
        long final = workload.FinalLength;
        if (config.MaxPositions <= 0 || final <= config.MaxPositions) return [];
        if (config.LearnedPositionRows > 0)
            throw ModelMeterException.Usage($"prompt {workload.Prompt} + generate {workload.Generate} = {final} tokens exceeds the {config.MaxPositions} "
                + $"learned positions of {config.Name} (max_position_embeddings / n_positions); choose --prompt and --generate with a sum ≤ {config.MaxPositions}");
        return [$"prompt + generate = {final} tokens exceeds max_position_embeddings {config.MaxPositions} of {config.Name}: "
            + "beyond its trained context (needs RoPE scaling); the estimate extrapolates the same formulas"];
    }

    /// <summary>
    /// Mean, over the Generate − 1 decode steps, of the keys each step attends to (step j attends to Prompt + j keys,
    /// window-capped when every layer slides), rounded to the nearest token; Prompt + 1 when there is no decode step.
    /// With some full-attention layers (Gemma-2) the uncapped mean is returned and each sliding layer caps it at its window.
    /// </summary>
    public static long MeanAttendedContext(LlmConfig config, LlmWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(config);
        int steps = workload.Generate - 1;
        if (steps <= 0) return config.AttendedKeys(workload.Prompt + 1L);
        double sum = 0;
        for (int j = 1; j <= steps; j++) sum += config.AttendedKeys(workload.Prompt + (long)j);
        return (long)Math.Round(sum / steps);
    }

    /// <summary>Memory per chip for <paramref name="batch"/> sequences and the largest batch that fits.</summary>
    public static LlmMemory Memory(LlmConfig config, LlmOptions options, LlmWorkload workload, LlmChip chip, int batch, long activationBytes)
    {
        ArgumentNullException.ThrowIfNull(chip);
        long weights = LlmProfiler.WeightBytesPerChip(config, options);
        long perToken = LlmProfiler.KvBytesPerToken(config, options);
        long perLayer = LlmProfiler.KvBytesPerTokenPerLayer(config, options);
        // a sliding-window layer keeps a rolling cache of window tokens; full-attention layers keep every token
        long cachedLayerTokens = 0;
        for (int i = 0; i < config.Layers; i++) cachedLayerTokens += config.AttendedKeys(i, workload.FinalLength);
        long kvPerSequence = checked(perLayer * cachedLayerTokens);
        long perSequence = checked(kvPerSequence + activationBytes / Math.Max(1, batch));
        long free = chip.MemoryBytes - weights;
        int maxBatch = free <= 0 || perSequence <= 0 ? 0 : (int)Math.Min(int.MaxValue, free / perSequence);
        return new LlmMemory(weights, perToken, checked(kvPerSequence * batch), activationBytes, chip.MemoryBytes, maxBatch);
    }
}

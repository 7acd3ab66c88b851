using ModelMeter.Llm;
using ModelMeter.Reports;
using ModelMeter.Roofline;

namespace ModelMeter.Cli.Reports;

/// <summary>Report tables of <c>modelmeter llm</c>: the summary per batch size, and the per-layer roofline of one stage.</summary>
internal static class LlmTables
{
    /// <summary>One row per batch size: TTFT, TPOT, tokens/s, bandwidth utilisation, memory.</summary>
    public static ReportTable Summary(LlmEstimate est)
    {
        var columns = new ReportColumn[]
        {
            new("batch", "Batch", UnitKind.Count, "concurrent sequences") { FixedUnit = true },
            new("ttft_s", "TTFT", UnitKind.Seconds, "time to first token: prefill of the prompt"),
            new("tpot_s", "TPOT", UnitKind.Seconds, "time per output token: one decode step at the mean context of the generation"),
            new("bound_ttft_s", "TTFT bound", UnitKind.Seconds, "fused roofline of the engine's prefill kernels at datasheet peaks: a lower bound"),
            new("predicted_ttft_s", "TTFT pred", UnitKind.Seconds, "what the engine is predicted to measure (achievable peaks, per-step overhead)"),
            new("bound_tpot_s", "TPOT bound", UnitKind.Seconds, "fused roofline of one decode step under the engine"),
            new("predicted_tpot_s", "TPOT pred", UnitKind.Seconds, "predicted time per output token under the engine"),
            new("predicted_tokens_per_s", "Tok/s pred", UnitKind.Ratio, "batch / predicted TPOT"),
            new("tokens_per_s_per_user", "Tok/s per user", UnitKind.Ratio, "1 / TPOT"),
            new("tokens_per_s", "Tok/s total", UnitKind.Ratio, "batch / TPOT"),
            new("end_to_end_s", "Request", UnitKind.Seconds, "TTFT + (generate − 1) × TPOT"),
            new("bandwidth_utilisation_pct", "BW util (%)", UnitKind.Ratio, "decode bytes / (TPOT × memory bandwidth)"),
            new("weight_bytes", "Weights", UnitKind.Bytes, "weights per chip"),
            new("kv_cache_bytes", "KV cache", UnitKind.Bytes, "KV cache of the batch at prompt + generate tokens, per chip"),
            new("memory_bytes", "Total mem", UnitKind.Bytes, "weights + KV cache + peak activations, per chip"),
            new("fits_in_memory", "Fits", UnitKind.Text, ""),
            new("max_batch", "Max batch", UnitKind.Count, "largest batch whose weights + KV cache + activations fit") { FixedUnit = true },
        };
        var rows = est.Batches.Select((b, i) => (b, p: i < est.Predictions.Count ? est.Predictions[i] : null)).Select(x => (x.b, x.p)).Select(t => new ReportRow(
        [
            ReportValue.Of((long?)t.b.Batch), ReportValue.Of((double?)t.b.TtftSeconds), ReportValue.Of((double?)t.b.TpotSeconds),
            ReportValue.Of(t.p?.BoundTtftS), ReportValue.Of(t.p?.PredictedTtftS), ReportValue.Of(t.p?.BoundTpotS), ReportValue.Of(t.p?.PredictedTpotS),
            ReportValue.Of(t.p is { } q ? Math.Round(q.PredictedTokensPerS, 1) : null),
            ReportValue.Of((double?)Math.Round(t.b.TokensPerSecondPerUser, 1)), ReportValue.Of((double?)Math.Round(t.b.TokensPerSecond, 1)),
            ReportValue.Of((double?)t.b.EndToEndSeconds), ReportValue.Of((double?)Math.Round(t.b.MemoryBandwidthUtilisation * 100, 1)),
            ReportValue.Of((long?)t.b.Memory.WeightBytes), ReportValue.Of((long?)t.b.Memory.KvCacheBytes), ReportValue.Of((long?)t.b.Memory.TotalBytes),
            ReportValue.Of(t.b.Memory.Fits ? "yes" : "no"), ReportValue.Of((long?)t.b.Memory.MaxBatch),
        ])).ToList();
        var o = est.Options;
        var title = $"{est.Config.Name} on {(o.Tp > 1 ? $"{o.Tp} × " : "")}{est.Chip.Name}: {o.EffectiveQuant.Name}, prompt {est.Workload.Prompt}, "
            + $"generate {est.Workload.Generate}{(o.Flash ? ", FlashAttention" : "")} (TTFT/TPOT: node roofline; bound and pred: engine "
            + $"{(est.Predictions.Count > 0 ? est.Predictions[0].Engine : "none")})";
        return new ReportTable(title, columns, rows);
    }

    /// <summary>The roofline rows of layer 0 and of the rows outside the layers (embeddings, final norm, lm_head), with the
    /// whole model's totals.</summary>
    public static ReportTable Layer0(Estimate stage, string stageName)
    {
        var nodes = stage.Nodes.Where(n => n.Name.StartsWith("layers.0.", StringComparison.Ordinal) || !n.Name.StartsWith("layers.", StringComparison.Ordinal)).ToList();
        var table = EstimateTables.Nodes(stage with { Nodes = nodes });
        return new ReportTable($"{stageName}, batch {stage.Batch}: layer 0 and the rows outside the layers; totals over all layers",
            table.AllColumns, table.Rows, table.Totals);
    }
}

using ModelMeter.Costs;
using ModelMeter.Internals;
using ModelMeter.Llm.Internals;

namespace ModelMeter.Llm;

/// <summary>
/// Builds the per-layer cost of a decoder-only transformer for one stage on one chip: prefill over the prompt,
/// or one decode step at a context length. Conventions (what is counted, byte model, FlashAttention traffic) are in
/// docs/counting.md.
/// </summary>
public static class LlmProfiler
{
    /// <summary>Prefill of <paramref name="prompt"/> tokens for each of <paramref name="batch"/> sequences (empty KV cache).</summary>
    /// <exception cref="ModelMeterException">Usage error for non-positive sizes or a TP degree that does not divide the heads.</exception>
    public static LlmStage Prefill(LlmConfig config, LlmOptions options, int batch, int prompt)
        => Build(config, options, "prefill", batch, prompt, prompt);

    /// <summary>
    /// One decode step for each of <paramref name="batch"/> sequences whose new token attends to <paramref name="context"/>
    /// keys (the cached tokens plus itself; capped by a sliding window).
    /// </summary>
    /// <exception cref="ModelMeterException">Usage error for non-positive sizes or a TP degree that does not divide the heads.</exception>
    public static LlmStage Decode(LlmConfig config, LlmOptions options, int batch, long context)
        => Build(config, options, "decode", batch, 1, context);

    /// <summary>Bytes of the weights one chip holds (decoder linears at the weight bit width; embeddings, norms, biases, router and lm_head in 16 bits),
    /// or the stored bytes / TP when the config carries <see cref="LlmConfig.Weights"/>.</summary>
    public static long WeightBytesPerChip(LlmConfig config, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        var w = LlmWeights.Of(config, Shard.Of(config, options));
        // stored weights (checkpoint headers, llama.cpp plan): their bytes, split evenly over the chips
        if (config.Weights is { } stored) return (stored.TotalBytes + options.Tp - 1) / options.Tp;
        return checked(Bytes(w.Linear, options.EffectiveQuant.WeightBits) + 2 * w.Other);
    }

    /// <summary>
    /// Bytes of KV cache per token of one sequence on one chip, all layers at full context: K and V of the chip's KV
    /// heads, or for multi-head latent attention the compressed latent + rotary key (kv_lora_rank + qk_rope_head_dim,
    /// replicated on every chip).
    /// </summary>
    public static long KvBytesPerToken(LlmConfig config, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        return checked(config.Layers * KvBytesPerTokenPerLayer(config, options));
    }

    /// <summary>KV cache bytes per token of one sequence in one layer on one chip.</summary>
    internal static long KvBytesPerTokenPerLayer(LlmConfig config, LlmOptions options)
        => Bytes(KvElementsPerToken(config, Shard.Of(config, options)), options.EffectiveQuant.KvBits);

    /// <summary>Cached elements per token and layer on one chip.</summary>
    internal static long KvElementsPerToken(LlmConfig c, Shard s) => c.Mla is { } m ? m.CacheWidth : 2 * s.Kw;

    internal static long Bytes(long elements, double bits) => checked((long)Math.Ceiling(elements * bits / 8.0));

    private static string Window(LlmConfig c) => c.SlidingWindow is not { } w ? ""
        : c.FullAttentionLayers.Count == 0 ? $" (sliding window {w})"
        : $" (sliding window {w} in {c.Layers - c.FullAttentionLayers.Count(i => i < c.Layers)} of {c.Layers} layers)";

    private static LlmStage Build(LlmConfig c, LlmOptions o, string kind, int batch, int tokens, long context)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (batch <= 0) throw ModelMeterException.Usage($"batch must be positive, got {batch}");
        if (tokens <= 0 || context <= 0) throw ModelMeterException.Usage($"{kind} length must be positive, got {Math.Min(tokens, context)}");
        var s = Shard.Of(c, o);
        var q = o.EffectiveQuant;
        var b = new LayerBuilder(c, o, s, new LlmRows(), batch, tokens, kind == "prefill" ? 0 : context);
        b.Embeddings();
        for (int i = 0; i < c.Layers; i++) b.Layer(i);
        b.Head();
        long keys = c.AttendedKeys(context);
        var diags = new List<Diagnostic>
        {
            new(Severity.Info, null, $"{kind}: batch {batch}, {tokens} new token{(tokens == 1 ? "" : "s")} per sequence, attention over {keys} key{(keys == 1 ? "" : "s")}"
                + $"{Window(c)}; {q.Name}; {(o.Flash ? "fused FlashAttention" : "unfused attention")}"),
        };
        if (c.Mla is { } m)
            diags.Add(new(Severity.Info, null, $"multi-head latent attention: cache {m.KvLoraRank} + {m.QkRopeHeadDim} per token and layer; "
                + (kind == "prefill" ? $"prefill decompresses K/V (head dims {m.QkHeadDim}/{m.VHeadDim})" : $"decode attends over the latent (absorbed weights: dims {m.CacheWidth}/{m.KvLoraRank})")));
        if (s.Tp > 1)
            diags.Add(new(Severity.Info, null, $"tensor parallel {s.Tp}: costs are per chip ({s.Heads} of {c.Heads} heads, {s.KvHeads} KV head(s), MLP {s.Ic} of {c.Intermediate}); 2 all-reduces per layer"));
        var dims = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["batch"] = batch, ["sequence_length"] = tokens, ["context_length"] = kind == "prefill" ? tokens : context,
        };
        var profile = b.Rows.ToProfile(new ModelInfo(c.Source, c.Name, "modelmeter llm", 0, 0), WeightBytesPerChip(c, o), diags, dims);
        return new LlmStage
        {
            Kind = kind, Batch = batch, Tokens = tokens, AttendedKeys = keys, Profile = profile,
            KvReadBytes = b.Rows.KvRead, KvWriteBytes = b.Rows.KvWrite,
            AllReduces = s.Tp > 1 ? 2 * c.Layers : 0,
            AllReduceBytes = s.Tp > 1 ? Bytes((long)batch * tokens * c.Hidden, q.ActivationBits) : 0,
        };
    }
}

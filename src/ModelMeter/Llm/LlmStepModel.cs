using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>
/// Prices scheduler steps with the LLM estimator: a step's stage is the prefill of its prompt tokens merged row by row with
/// the decode of its sequences (FLOPs and activation bytes add, each weight is read once), priced by the caller's stage
/// function (the roofline of <see cref="LlmEstimator.Stage"/>, or an engine's prediction). Results are memoised on
/// (prefill tokens rounded up to 16, decode sequences, context rounded up to 64) so long simulations stay fast.
/// </summary>
public sealed class LlmStepModel : ILlmStepTime
{
    private readonly LlmConfig _config;
    private readonly LlmOptions _options;
    private readonly Func<LlmStage, double> _price;
    private readonly Dictionary<(int, int, long), double> _cache = [];

    /// <summary>Creates the model; <paramref name="price"/> turns a stage into seconds.</summary>
    public LlmStepModel(LlmConfig config, LlmOptions options, Func<LlmStage, double> price)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(price);
        _config = config;
        _options = options;
        _price = price;
    }

    /// <summary>Roofline step times on <paramref name="chip"/> (<paramref name="roofline"/>: the roofline engine's profile time, or null for the estimator's own).</summary>
    public static LlmStepModel Roofline(LlmConfig config, LlmOptions options, LlmChip chip, Func<ModelProfile, double>? roofline = null)
        => new(config, options, s => LlmEstimator.Stage(s, chip, options.Tp, roofline).Seconds);

    /// <summary>Distinct steps priced so far.</summary>
    public int Evaluations => _cache.Count;

    /// <inheritdoc />
    public double Seconds(int prefillTokens, int decodeSequences, long meanDecodeContext)
    {
        if (prefillTokens <= 0 && decodeSequences <= 0) return 0;
        int p = prefillTokens <= 0 ? 0 : (prefillTokens + 15) / 16 * 16;
        long ctx = decodeSequences <= 0 ? 0 : Math.Max(1, (meanDecodeContext + 63) / 64 * 64);
        var key = (p, decodeSequences, ctx);
        if (_cache.TryGetValue(key, out var s)) return s;
        s = _price(Stage(p, decodeSequences, ctx));
        _cache[key] = s;
        return s;
    }

    /// <summary>The merged stage of a step (exposed for tests and reports).</summary>
    public LlmStage Stage(int prefillTokens, int decodeSequences, long meanDecodeContext)
    {
        LlmStage? pre = prefillTokens > 0 ? LlmProfiler.Prefill(_config, _options, 1, prefillTokens) : null;
        LlmStage? dec = decodeSequences > 0 ? LlmProfiler.Decode(_config, _options, decodeSequences, meanDecodeContext) : null;
        if (pre is null) return dec ?? throw new ArgumentException("an empty step");
        if (dec is null) return pre;
        var byName = dec.Profile.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var rows = pre.Profile.Nodes.Select(a =>
        {
            if (!byName.TryGetValue(a.Name, out var b)) return a;
            long shared = Math.Min(a.WeightBytes, b.WeightBytes);
            return a with
            {
                Macs = a.Macs + b.Macs, Flops = a.Flops + b.Flops,
                BytesRead = a.BytesRead + b.BytesRead - shared, BytesWritten = a.BytesWritten + b.BytesWritten,
                WeightBytes = Math.Max(a.WeightBytes, b.WeightBytes),
            };
        }).ToList();
        var profile = pre.Profile with
        {
            Nodes = rows,
            Totals = pre.Profile.Totals with
            {
                Macs = rows.Sum(r => r.Macs), Flops = rows.Sum(r => r.Flops), BytesRead = rows.Sum(r => r.BytesRead), BytesWritten = rows.Sum(r => r.BytesWritten),
            },
        };
        return pre with
        {
            Kind = "step", Batch = decodeSequences + 1, Profile = profile,
            KvReadBytes = pre.KvReadBytes + dec.KvReadBytes, KvWriteBytes = pre.KvWriteBytes + dec.KvWriteBytes,
            AllReduceBytes = pre.AllReduceBytes + dec.AllReduceBytes,
        };
    }
}

using System.Globalization;
using ModelMeter.Costs;

namespace ModelMeter.Llm;

/// <summary>
/// Compares stored weights with the config formula and picks the quantization a checkpoint implies: the explanations
/// behind "checkpoint N params, config formula M", the per-layer types, and how <c>--quant</c> combines with a checkpoint.
/// </summary>
public static class LlmWeightReport
{
    /// <summary>
    /// Applies <c>--quant</c> to a model: a llama.cpp type (q4_k_m) replaces the weights by llama.cpp's per-tensor plan; any
    /// other explicit value replaces a checkpoint's stored weights by the formula at that width; with no explicit value a
    /// checkpoint's stored bytes are used and the quantization is named after its stored types.
    /// </summary>
    public static (LlmConfig Config, LlmQuant Quant, IReadOnlyList<string> Notes) Apply(LlmConfig config, LlmQuant quant, bool quantGiven)
    {
        ArgumentNullException.ThrowIfNull(config);
        var notes = new List<string>();
        var q = quant.IsDefault ? LlmQuant.W16A16 : quant;
        if (LlamaCppQuant.TypeOf(q) is { } ft)
        {
            if (config.Weights is { FromCheckpoint: true }) notes.Add($"--quant {ft}: llama.cpp's per-tensor plan replaces the checkpoint's stored weights");
            var plan = LlamaCppQuant.Plan(config with { Weights = null }, ft);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"--quant {ft}: llama.cpp's per-tensor types (llama_tensor_get_type) give {plan.TotalBytes / 1e9:0.###} GB, {plan.LayerBitsPerWeight:0.###} bits per weight in the layers"));
            return (config with { Weights = plan }, q with { WeightBits = plan.LayerBitsPerWeight }, notes);
        }
        if (config.Weights is not { FromCheckpoint: true } stored) return (config, q, notes);
        if (quantGiven)
        {
            notes.Add($"--quant {q.Name}: weights priced by formula at {q.WeightBits:0.###} bits, not at the checkpoint's stored bytes");
            return (config with { Weights = null }, q, notes);
        }
        var types = LayerTypes(stored);
        bool fp8 = types.Any(t => t.StartsWith("F8_", StringComparison.Ordinal));
        bool int8 = !fp8 && types.FirstOrDefault() == "I8";
        var name = "stored:" + string.Join("+", types.Take(3)) + (q.KvBits == 16 ? "" : $"/kv-{q.KvBits}bit");
        var compute = fp8 ? Precision.Fp8 : int8 ? Precision.Int8 : Precision.Fp16;
        return (config, new LlmQuant(name, stored.LayerBitsPerWeight, fp8 || int8 ? 8 : 16, q.KvBits, compute), notes);
    }

    /// <summary>Stored types of the layers' rows, most bytes first.</summary>
    public static IReadOnlyList<string> LayerTypes(LlmStoredWeights stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Rows.Values.Where(r => r.Row.StartsWith("layers.", StringComparison.Ordinal))
            .SelectMany(r => r.Types.Split('+').Select(t => (t, r.Bytes)))
            .GroupBy(x => x.t, StringComparer.Ordinal).OrderByDescending(g => g.Sum(x => x.Bytes)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
    }

    /// <summary>Parameters per row by the config formula (one chip, no tensor parallelism).</summary>
    public static IReadOnlyDictionary<string, long> FormulaRows(LlmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stage = LlmProfiler.Decode(config with { Weights = null }, default, 1, 1);
        return stage.Profile.Nodes.Where(n => n.Params > 0).GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(n => n.Params), StringComparer.Ordinal);
    }

    /// <summary>
    /// Why the checkpoint's parameter count differs from the config formula's: rows the checkpoint stores that the formula
    /// lacks (or the reverse), rows whose sizes differ, and tensors outside the model's rows. Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Differences(LlmConfig config, int max = 8)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Weights is not { } w) return [];
        var formula = FormulaRows(config);
        var lines = new List<(long Size, string Text)>();
        foreach (var (row, p) in formula)
        {
            long got = w.Get(row)?.Params ?? 0;
            if (row == "lm_head" && config.TieEmbeddings) continue;
            if (got != p) lines.Add((Math.Abs(got - p), got == 0 ? $"{row}: the config formula counts {p:N0}, the checkpoint stores none" : $"{row}: checkpoint {got:N0}, formula {p:N0}"));
        }
        foreach (var r in w.Rows.Values)
            if (!formula.ContainsKey(r.Row) && r.Params > 0)
                lines.Add((r.Params, r.Row == "lm_head" && config.TieEmbeddings
                    ? $"lm_head: the checkpoint stores {r.Params:N0} though the config ties it to the embeddings"
                    : $"{r.Row}: the checkpoint stores {r.Params:N0} the config formula does not have"));
        foreach (var (name, p, _) in w.Unmatched)
            if (p > 0) lines.Add((p, $"{name}: {p:N0} params outside the decoder's rows (not costed)"));
        var top = lines.OrderByDescending(l => l.Size).ThenBy(l => l.Text, StringComparer.Ordinal).Take(max).Select(l => l.Text).ToList();
        if (lines.Count > max) top.Add($"… and {lines.Count - max} more");
        return top;
    }
}

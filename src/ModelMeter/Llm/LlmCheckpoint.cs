using System.Text.Json;
using ModelMeter.Checkpoints;
using ModelMeter.Internals;
using ModelMeter.Llm.Internals;

namespace ModelMeter.Llm;

/// <summary>
/// Builds an LLM from a checkpoint: the architecture from GGUF metadata or the <c>config.json</c> beside safetensors, and
/// the stored weights (<see cref="LlmStoredWeights"/>) from the tensor headers, so parameter counts are exact and weight
/// bytes are what the file holds (mixed quant types, GPTQ/AWQ packing with scales, fp8 with scales).
/// </summary>
public static class LlmCheckpoint
{
    /// <summary>
    /// A model argument: a .gguf, a .safetensors, a model.safetensors.index.json, a folder, a config.json, or a built-in
    /// name. Checkpoints yield a config carrying <see cref="LlmConfig.Weights"/>; a config alone does not.
    /// </summary>
    /// <exception cref="ModelMeterException">Usage error for an unknown name; BadModel for an unreadable or invalid file.</exception>
    public static LlmConfig Resolve(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (!File.Exists(pathOrName) && !Directory.Exists(pathOrName)) return LlmConfigLoader.Resolve(pathOrName);
        var ck = CheckpointLoader.Load(pathOrName);
        if (ck is null)
        {
            if (File.Exists(pathOrName)) return LlmConfigLoader.Load(pathOrName);
            var cfg = Path.Combine(pathOrName, "config.json");
            if (File.Exists(cfg)) return LlmConfigLoader.Load(cfg);
            throw ModelMeterException.BadModel(pathOrName, "folder holds no config.json, .safetensors or .gguf file");
        }
        return FromCheckpoint(ck);
    }

    /// <summary>The config of a read checkpoint, with its stored weights.</summary>
    /// <exception cref="ModelMeterException">BadModel when the architecture cannot be found (no config.json beside safetensors, unknown GGUF architecture).</exception>
    public static LlmConfig FromCheckpoint(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        LlmConfig config;
        int bits = 4;
        if (checkpoint.Gguf is { } g)
        {
            var name = g.Get("general.name")?.AsString is { Length: > 0 } n ? n : Path.GetFileNameWithoutExtension(g.Path);
            config = LlmConfigLoader.Parse(GgufConfig.ToHfConfig(g).ToJsonString(), name, g.Path);
        }
        else
        {
            var cfg = checkpoint.ConfigPath ?? throw ModelMeterException.BadModel(checkpoint.Path,
                "no config.json beside the safetensors file: the architecture (layers, heads, …) is needed to estimate; put the model's config.json next to it");
            config = LlmConfigLoader.Load(cfg);
            bits = PackedBits(cfg);
        }
        return config with { Weights = Weights(checkpoint, config, bits) };
    }

    /// <summary>Stored weights of <paramref name="checkpoint"/> mapped onto the rows of <paramref name="config"/>; packed int32
    /// weights hold 32 / <paramref name="packedBits"/> weights each.</summary>
    public static LlmStoredWeights Weights(Checkpoint checkpoint, LlmConfig config, int packedBits = 4)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        var acc = new RowAccumulator();
        var unmatched = new List<(string, long, long)>();
        long totalParams = 0;
        foreach (var t in checkpoint.Tensors)
        {
            var (stem, packed, meta) = LlmTensorMap.Split(t.Name);
            long per = packed && SafetensorsDtypes.BitsOf(t.DType) is { } eb && packedBits > 0 ? Math.Max(1, eb / packedBits) : 1;
            long p = meta ? 0 : checked(t.Elements * per);
            totalParams += p;
            var rows = LlmTensorMap.Rows(stem, config);
            if (rows.Count == 1 && LayerOf(rows[0].Row) is { } layer) rows = LlmTensorMap.FusedUp(rows[0].Row, t.Elements * per, config, layer);
            if (rows.Count == 0) { unmatched.Add((t.Name, p, t.Bytes)); continue; }
            foreach (var (row, share) in rows) acc.Add(row, (long)Math.Round(p * share), (long)Math.Round(t.Bytes * share), t.DType);
        }
        return new LlmStoredWeights
        {
            Source = Path.GetFileName(checkpoint.Path.TrimEnd('/', '\\')), FromCheckpoint = true, Rows = acc.Build(),
            TotalParams = totalParams, TotalBytes = checkpoint.TotalBytes, Unmatched = unmatched,
        };
    }

    /// <summary>The layer index of a row name (<c>layers.3.attn.q_proj</c> → 3), or null for rows outside the layers.</summary>
    public static int? LayerOf(string row)
    {
        if (!row.StartsWith("layers.", StringComparison.Ordinal)) return null;
        int dot = row.IndexOf('.', 7);
        return dot > 7 && int.TryParse(row.AsSpan(7, dot - 7), out int i) ? i : null;
    }

    /// <summary>Bits of a packed weight from config.json's quantization_config (GPTQ/AWQ <c>bits</c>, compressed-tensors
    /// <c>num_bits</c>); 4 when not stated.</summary>
    private static int PackedBits(string configPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(JsonInput.Read(configPath, "Hugging Face config.json"), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("quantization_config", out var q) || q.ValueKind != JsonValueKind.Object) return 4;
            if (q.TryGetProperty("bits", out var b) && b.TryGetInt32(out var bits) && bits is > 0 and <= 16) return bits;
            if (q.TryGetProperty("w_bit", out var w) && w.TryGetInt32(out var wb) && wb is > 0 and <= 16) return wb;
            if (q.TryGetProperty("config_groups", out var groups) && groups.ValueKind == JsonValueKind.Object)
                foreach (var g in groups.EnumerateObject())
                    if (g.Value.ValueKind == JsonValueKind.Object && g.Value.TryGetProperty("weights", out var wt) && wt.ValueKind == JsonValueKind.Object
                        && wt.TryGetProperty("num_bits", out var nb) && nb.TryGetInt32(out var n) && n is > 0 and <= 16) return n;
            return 4;
        }
        catch (JsonException) { return 4; } // the config loader already reported a malformed file
    }
}

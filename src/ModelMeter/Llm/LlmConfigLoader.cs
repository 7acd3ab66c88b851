using System.Text.Json;
using ModelMeter.Internals;
using ModelMeter.Llm.Internals;

namespace ModelMeter.Llm;

/// <summary>
/// Reads Hugging Face <c>config.json</c> files (Llama/Mistral/Mixtral/Qwen2/Phi-3/Gemma-style and
/// GPT-2/GPT-NeoX/OPT-style field names) into an <see cref="LlmConfig"/>, and serves the built-in configs.
/// </summary>
public static class LlmConfigLoader
{
    private const string ResourcePrefix = "ModelMeter.Llm.configs.";

    private static readonly HashSet<string> PlainMlpTypes = new(StringComparer.OrdinalIgnoreCase)
        { "gpt2", "gpt_neox", "opt", "gptj", "phi", "falcon", "bloom", "gpt_bigcode", "starcoder2", "gpt_neo" };
    private static readonly HashSet<string> LayerNormTypes = new(StringComparer.OrdinalIgnoreCase)
        { "gpt2", "gpt_neox", "opt", "gptj", "phi", "falcon", "bloom", "gpt_bigcode", "starcoder2", "gpt_neo" };
    private static readonly HashSet<string> AllBiasTypes = new(StringComparer.OrdinalIgnoreCase)
        { "gpt2", "gpt_neox", "opt", "phi", "bloom", "gpt_bigcode", "starcoder2", "gpt_neo" };
    private static readonly HashSet<string> QkNormTypes = new(StringComparer.OrdinalIgnoreCase)
        { "qwen3", "qwen3_moe", "gemma3", "gemma3_text", "olmo2" };
    private static readonly HashSet<string> TiedByDefaultTypes = new(StringComparer.OrdinalIgnoreCase)
        { "gpt2", "opt", "gemma", "gemma2", "bloom", "gpt_bigcode", "gpt_neo", "starcoder2", "falcon" };
    private static readonly HashSet<string> UntiedByDefaultTypes = new(StringComparer.OrdinalIgnoreCase)
        { "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "phi3", "gpt_neox", "gptj", "phi" };

    /// <summary>Names of the built-in configs, sorted.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(LlmConfigLoader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>A built-in config by name (see <see cref="BuiltInNames"/>).</summary>
    /// <exception cref="ModelMeterException">Usage error for an unknown name.</exception>
    public static LlmConfig BuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = BuiltInNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ModelMeterException.Usage($"unknown built-in LLM '{name}' (built-ins: {string.Join(", ", BuiltInNames)})");
        using var stream = typeof(LlmConfigLoader).Assembly.GetManifestResourceStream(ResourcePrefix + key + ".json")
            ?? throw new InvalidOperationException($"embedded config {key} missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), key, "builtin:" + key);
    }

    /// <summary>A config file path if it exists, else a built-in name.</summary>
    /// <exception cref="ModelMeterException">Usage error when it is neither; BadModel for an invalid file.</exception>
    public static LlmConfig Resolve(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName)) return Load(pathOrName);
        if (BuiltInNames.Contains(pathOrName, StringComparer.OrdinalIgnoreCase)) return BuiltIn(pathOrName);
        throw ModelMeterException.Usage($"'{pathOrName}' is neither a config.json file nor a built-in LLM ({string.Join(", ", BuiltInNames)})");
    }

    /// <summary>Reads a <c>config.json</c> file.</summary>
    /// <exception cref="ModelMeterException">BadModel naming the file when it is unreadable, over 16 MiB, not JSON by its first bytes, or lacks a required field.</exception>
    public static LlmConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // size cap and first-bytes check before the file is read whole (a checkpoint given by mistake is refused at once)
        string text = JsonInput.Read(path, "Hugging Face config.json");
        var name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } dir
            && Path.GetFileName(path).Equals("config.json", StringComparison.OrdinalIgnoreCase)
            ? dir : Path.GetFileNameWithoutExtension(path);
        return Parse(text, name, path);
    }

    /// <summary>Parses config JSON text; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="ModelMeterException">BadModel naming <paramref name="source"/> and the missing or invalid field.</exception>
    public static LlmConfig Parse(string json, string name, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw ModelMeterException.BadModel(source, $"not valid JSON: {e.Message}", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw ModelMeterException.BadModel(source, "config is not a JSON object");
            var root = doc.RootElement;
            // Multimodal configs (Gemma-3, Llama-4, LLaVA-style) keep the language model under "text_config": analyse that
            // decoder (the vision tower is not counted).
            if (!root.TryGetProperty("hidden_size", out _) && !root.TryGetProperty("n_embd", out _) && !root.TryGetProperty("d_model", out _)
                && root.TryGetProperty("text_config", out var text) && text.ValueKind == JsonValueKind.Object)
                root = text;
            return Build(new Fields(root, source), name, source);
        }
    }

    private static LlmConfig Build(Fields f, string name, string source)
    {
        var type = f.String("model_type") ?? "";
        LlmArchitecture.RejectUnsupported(f, type, source);
        int hidden = f.RequiredInt("hidden_size", "n_embd", "d_model");
        int layers = f.RequiredInt("num_hidden_layers", "n_layer", "num_layers");
        int heads = f.RequiredInt("num_attention_heads", "n_head");
        // Grouped-query heads under their several names; Falcon-7B / StarCoder's multi_query means one K/V head.
        int kvHeads = f.Int("num_key_value_heads", "num_kv_heads", "n_head_kv") ?? (f.Bool("multi_query") == true ? 1 : heads);
        if (kvHeads <= 0 || heads % kvHeads != 0)
            throw ModelMeterException.BadModel(source, $"num_key_value_heads ({kvHeads}) must divide num_attention_heads ({heads})");
        var mla = LlmArchitecture.Mla(f);
        if (mla is not null) kvHeads = heads; // MLA: every head has its own key and value, decompressed from the shared latent
        int? headDimField = mla?.QkHeadDim ?? f.Int("head_dim");
        if (headDimField is null && hidden % heads != 0)
            throw ModelMeterException.BadModel(source, $"hidden size {hidden} is not divisible by {heads} heads and head_dim is missing");
        int headDim = headDimField ?? hidden / heads;
        int? inter = f.Int("intermediate_size", "n_inner", "ffn_dim", "ffn_hidden_size");
        if (inter is null)
        {
            // GPT-2-style families (GPT-2, GPT-J, GPT-Neo, BLOOM, Falcon, StarCoder) fix the MLP at 4 × hidden and omit the field.
            if (f.Has("n_inner") || f.Has("n_embd") || PlainMlpTypes.Contains(type)) inter = 4 * hidden;
            else throw ModelMeterException.BadModel(source, "missing required field 'intermediate_size' (or n_inner, ffn_dim, ffn_hidden_size)");
        }
        var moe = LlmArchitecture.Moe(f, type, layers, inter.Value, source);
        bool layerNorm = f.Has("rms_norm_eps") ? false
            : f.Has("layer_norm_eps") || f.Has("layer_norm_epsilon") || LayerNormTypes.Contains(type);
        bool gated = !PlainMlpTypes.Contains(type) && !layerNorm;
        bool allBias = AllBiasTypes.Contains(type);
        bool qkvBias = allBias || type.Equals("qwen2", StringComparison.OrdinalIgnoreCase) || type.Equals("qwen2_moe", StringComparison.OrdinalIgnoreCase);
        bool outBias = allBias, mlpBias = allBias || type.Equals("gptj", StringComparison.OrdinalIgnoreCase);
        if (f.Bool("attention_bias") is { } ab) { qkvBias = ab; outBias = ab; }
        if (f.Bool("mlp_bias") is { } mb) mlpBias = mb;
        if (f.Bool("enable_bias", "use_bias", "bias") is { } eb) { qkvBias = eb; outBias = eb; mlpBias = eb; }
        bool tied = f.Bool("tie_word_embeddings")
            ?? (TiedByDefaultTypes.Contains(type) || !UntiedByDefaultTypes.Contains(type));
        int maxPos = f.Int("max_position_embeddings", "n_positions", "n_ctx") ?? 0;
        int learned = type.ToLowerInvariant() switch
        {
            "gpt2" or "gpt_bigcode" or "gpt_neo" => maxPos,
            "opt" => maxPos + 2, // OPT's learned positions are offset by 2 rows
            _ => 0,
        };
        double rotary = learned > 0 || type.Equals("bloom", StringComparison.OrdinalIgnoreCase) ? 0
            : f.Double("rotary_pct", "partial_rotary_factor") ?? 1.0;
        int? window = f.Int("sliding_window");
        if (f.Bool("use_sliding_window") == false || window is <= 0) window = null;
        var fullLayers = LlmArchitecture.FullAttentionLayers(f, type, layers, source); // validates layer_types even without a window
        if (window is null) fullLayers = new HashSet<int>();
        var act = f.String("hidden_act", "activation_function", "hidden_activation")
            ?? (layerNorm ? "gelu" : "silu");
        return new LlmConfig
        {
            Name = name,
            Source = f.String("_source") ?? source,
            ModelType = type,
            Hidden = hidden,
            Layers = layers,
            Heads = heads,
            KvHeads = kvHeads,
            HeadDim = headDim,
            Intermediate = moe.ExpertInter,
            DenseIntermediate = moe.DenseInter,
            Vocab = f.RequiredInt("vocab_size"),
            MaxPositions = maxPos,
            LearnedPositionRows = learned,
            RotaryFraction = rotary,
            TieEmbeddings = tied,
            Activation = act,
            GatedMlp = gated,
            QkvBias = qkvBias,
            OutputBias = outBias,
            MlpBias = mlpBias,
            Norm = layerNorm ? NormKind.LayerNorm : NormKind.RmsNorm,
            Experts = moe.Experts,
            ExpertsPerToken = moe.PerToken,
            DenseLayers = moe.Dense,
            SharedIntermediate = moe.SharedInter,
            SharedExpertGate = moe.SharedGate,
            RouterBias = moe.RouterBias,
            Mla = mla,
            NormsPerLayer = LlmArchitecture.NormsPerLayer(f, type),
            EmbeddingNorm = type.Equals("bloom", StringComparison.OrdinalIgnoreCase),
            QkNorm = QkNormTypes.Contains(type),
            SlidingWindow = window,
            FullAttentionLayers = fullLayers,
            AttentionSoftcap = f.Double("attn_logit_softcapping") is > 0 and var ac ? ac : null,
            FinalSoftcap = f.Double("final_logit_softcapping") is > 0 and var fc ? fc : null,
            MtpModules = f.Int("num_nextn_predict_layers") ?? 0,
            ParallelResidual = f.Bool("use_parallel_residual", "parallel_attn") ?? type.Equals("gpt_neox", StringComparison.OrdinalIgnoreCase),
        };
    }
}

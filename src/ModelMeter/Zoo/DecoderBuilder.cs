using ModelMeter.Graphs;
using ModelMeter.Llm;

namespace ModelMeter.Zoo;

/// <summary>
/// Builds a decoder-only transformer from an <see cref="LlmConfig"/> as the ONNX graph ONNX Runtime GenAI's model
/// builder exports (or, with <see cref="DecoderAttention.MultiHead"/>, the optimum / ORT-optimizer form): inputs
/// <c>input_ids</c> [batch_size, sequence_length] int64, <c>attention_mask</c> [batch_size, total_sequence_length] int64,
/// <c>position_ids</c> (learned positions or MultiHeadAttention only) and <c>past_key_values.{i}.key/value</c>
/// [batch_size, kv_heads, past_sequence_length, head_dim]; outputs <c>logits</c> [batch_size, sequence_length, vocab]
/// and <c>present.{i}.key/value</c> [batch_size, kv_heads, past_sequence_length + sequence_length, head_dim].
/// Node names follow the <c>llm</c> rows (<c>layers.N.attn.q_proj</c>, …); see docs/counting.md.
/// </summary>
public static class DecoderBuilder
{
    /// <summary>Symbolic dims of the inputs (set them with <c>--dim</c>).</summary>
    public const string Batch = "batch_size", Sequence = "sequence_length", Past = "past_sequence_length", Total = "total_sequence_length";

    private const string Ms = "com.microsoft";

    /// <summary>
    /// A small Llama-style test config (hidden 256, 4 layers, 8 heads of 32, 2 KV heads, gated SiLU MLP of 688,
    /// vocabulary 1000, RMSNorm, rotary, untied lm_head, no biases, 2048 positions).
    /// </summary>
    public static LlmConfig TinyLlama { get; } = new()
    {
        Name = "llama-tiny", Source = "modelmeter built-in test config", ModelType = "llama", Hidden = 256, Layers = 4,
        Heads = 8, KvHeads = 2, HeadDim = 32, Intermediate = 688, Vocab = 1000, MaxPositions = 2048,
    };

    /// <summary>The JSON (Hugging Face <c>config.json</c> fields) of <see cref="TinyLlama"/>, for <c>modelmeter llm FILE</c>.</summary>
    public const string TinyLlamaJson = """
        { "model_type": "llama", "hidden_size": 256, "num_hidden_layers": 4, "num_attention_heads": 8,
          "num_key_value_heads": 2, "intermediate_size": 688, "vocab_size": 1000, "max_position_embeddings": 2048,
          "rms_norm_eps": 1e-05, "hidden_act": "silu", "tie_word_embeddings": false }
        """;

    /// <summary>Builds the decoder graph of <paramref name="config"/>.</summary>
    /// <exception cref="ModelMeterException">Usage error for a config the exporter does not build (mixture of experts,
    /// multi-head latent attention, norm layouts other than two per layer, per-layer windows, soft-capping, parallel
    /// residual, or MultiHeadAttention with fewer KV heads than query heads).</exception>
    public static Model Build(LlmConfig config, DecoderOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsMoe) throw ModelMeterException.Usage($"{config.Name}: the decoder export does not build mixture-of-experts layers");
        if (config.Mla is not null) throw ModelMeterException.Usage($"{config.Name}: the decoder export does not build multi-head latent attention");
        if (config.NormsPerLayer != 2 || config.EmbeddingNorm)
            throw ModelMeterException.Usage($"{config.Name}: the decoder export builds two norms per layer and none after the embedding");
        if (config.FullAttentionLayers.Count > 0 || config.AttentionSoftcap is not null || config.FinalSoftcap is not null)
            throw ModelMeterException.Usage($"{config.Name}: the decoder export does not build per-layer sliding windows or logit soft-capping");
        if (config.ParallelResidual) throw ModelMeterException.Usage($"{config.Name}: the decoder export does not build parallel-residual layers");
        if (options.Attention == DecoderAttention.MultiHead && config.KvHeads != config.Heads)
            throw ModelMeterException.Usage($"{config.Name}: MultiHeadAttention needs as many KV heads as query heads ({config.KvHeads} of {config.Heads}); use GroupQueryAttention");
        var e = new Emitter(config, options, new GraphBuilder(options.Name ?? "decoder-" + config.Name, options.WithWeights));
        return e.Emit();
    }

    private sealed class Emitter(LlmConfig c, DecoderOptions o, GraphBuilder g)
    {
        private readonly Dim _b = Dim.Symbol(Batch), _s = Dim.Symbol(Sequence), _p = Dim.Symbol(Past), _t = Dim.Symbol(Total);
        private readonly bool _mha = o.Attention == DecoderAttention.MultiHead;
        private readonly bool _ln = c.Norm == NormKind.LayerNorm;
        private readonly int _rot = c.LearnedPositionRows > 0 ? 0 : 2 * (int)Math.Round(c.HeadDim * c.RotaryFraction / 2);
        private string _positions = "", _cos = "", _sin = "", _seqlensK = "", _total = "", _mask = "";

        public Model Emit()
        {
            var ids = g.AddInput("input_ids", DataType.Int64, _b, _s);
            var mask = g.AddInput("attention_mask", DataType.Int64, _b, _t);
            if (c.LearnedPositionRows > 0 || (_mha && _rot > 0)) _positions = g.AddInput("position_ids", DataType.Int64, _b, _s);
            for (int i = 0; i < c.Layers; i++)
                foreach (var kv in new[] { "key", "value" })
                    g.AddInput($"past_key_values.{i}.{kv}", DataType.Float, _b, c.KvHeads, _p, c.HeadDim);
            MaskInputs(mask);
            if (_rot > 0)
            {
                long rows = c.MaxPositions > 0 ? c.MaxPositions : 4096;
                _cos = g.AddInitializer("cos_cache", [rows, _rot / 2]);
                _sin = g.AddInitializer("sin_cache", [rows, _rot / 2]);
            }
            long h = c.Hidden;
            var embedW = g.AddInitializer("embed_tokens.weight", [c.Vocab, h]);
            string x = g.Add("Gather", [embedW, ids], name: "embed_tokens");
            if (c.LearnedPositionRows > 0)
            {
                var pos = g.Add("Gather", [g.AddInitializer("embed_positions.weight", [c.LearnedPositionRows, h]), _positions], name: "embed_positions");
                x = g.Add("Add", [x, pos], name: "embed_add");
            }
            string residual = x, normed = Norm("layers.0.input_layernorm", x, null, out _);
            for (int i = 0; i < c.Layers; i++)
            {
                var p = $"layers.{i}.";
                if (i > 0) normed = Norm(p + "input_layernorm", x, residual, out residual);
                var attn = Attention(p, i, normed);
                normed = Norm(p + "post_attention_layernorm", attn, residual, out residual);
                x = Mlp(p + "mlp.", normed);
            }
            var final = Norm("norm", x, residual, out _);
            var logits = c.TieEmbeddings
                ? g.AddNode("FusedMatMul", [final, embedW], ["logits"], new Dictionary<string, object> { ["transB"] = 1L }, "lm_head", Ms)[0]
                : g.AddNode("MatMul", [final, g.AddInitializer("lm_head.weight", [h, c.Vocab])], ["logits"], name: "lm_head")[0];
            g.AddOutput(logits, DataType.Float, _b, _s, c.Vocab);
            for (int i = 0; i < c.Layers; i++)
                foreach (var kv in new[] { "key", "value" })
                    g.AddOutput($"present.{i}.{kv}", DataType.Float, _b, c.KvHeads, _p + _s, c.HeadDim);
            return g.Build();
        }

        // GroupQueryAttention wants seqlens_k = sum(mask) - 1 (int32 [B]) and total_sequence_length (int32 scalar), as
        // ORT GenAI computes them; MultiHeadAttention takes the mask as an int32 key padding mask.
        private void MaskInputs(string mask)
        {
            if (_mha) { _mask = g.Add("Cast", [mask], Attrs(("to", (long)DataType.Int32)), "attn_mask/cast"); return; }
            var sum = g.Add("ReduceSum", [mask, g.AddConstant("attn_mask/axes", DataType.Int64, [1], [1])], Attrs(("keepdims", 0L)), "attn_mask/reduce_sum");
            var less = g.Add("Sub", [sum, g.AddConstant("attn_mask/one", DataType.Int64, [], [1])], name: "attn_mask/sub");
            _seqlensK = g.Add("Cast", [less], Attrs(("to", (long)DataType.Int32)), "attn_mask/seqlens_k");
            var shape = g.Add("Shape", [mask], name: "attn_mask/shape");
            var total = g.Add("Gather", [shape, g.AddConstant("attn_mask/axis1", DataType.Int64, [], [1])], Attrs(("axis", 0L)), "attn_mask/total");
            _total = g.Add("Cast", [total], Attrs(("to", (long)DataType.Int32)), "attn_mask/total_sequence_length");
        }

        private string Attention(string p, int i, string x)
        {
            var q = Linear(p + "attn.q_proj", x, c.Hidden, c.QueryWidth, c.QkvBias);
            var k = Linear(p + "attn.k_proj", x, c.Hidden, c.KvWidth, c.QkvBias);
            var v = Linear(p + "attn.v_proj", x, c.Hidden, c.KvWidth, c.QkvBias);
            string[] outs = [p + "attn.out", $"present.{i}.key", $"present.{i}.value"];
            string pastK = $"past_key_values.{i}.key", pastV = $"past_key_values.{i}.value";
            string y;
            if (_mha)
            {
                if (_rot > 0)
                {
                    q = Rotary(p + "attn.q_rotary", q, c.Heads);
                    k = Rotary(p + "attn.k_rotary", k, c.KvHeads);
                }
                y = g.AddNode("MultiHeadAttention", [q, k, v, "", _mask, "", pastK, pastV], outs,
                    Attrs(("num_heads", (long)c.Heads), ("unidirectional", 1L)), p + "attn.mha", Ms)[0];
            }
            else
            {
                var attrs = Attrs(("num_heads", (long)c.Heads), ("kv_num_heads", (long)c.KvHeads));
                // ORT's kernel attends local_window_size + 1 keys (the token and the W before it); Hugging Face's
                // sliding_window counts the token itself, so W = window - 1 keeps the export equal to the llm model.
                if (c.SlidingWindow is { } w) attrs["local_window_size"] = w - 1L;
                List<string> ins = [q, k, v, pastK, pastV, _seqlensK, _total];
                if (_rot > 0) { attrs["do_rotary"] = 1L; ins.AddRange([_cos, _sin]); }
                y = g.AddNode("GroupQueryAttention", ins, outs, attrs, p + "attn.gqa", Ms)[0];
            }
            return Linear(p + "attn.o_proj", y, c.QueryWidth, c.Hidden, c.OutputBias);
        }

        private string Rotary(string name, string x, int heads)
        {
            var attrs = Attrs(("num_heads", (long)heads));
            if (_rot != c.HeadDim) attrs["rotary_embedding_dim"] = (long)_rot;
            return g.Add("RotaryEmbedding", [x, _positions, _cos, _sin], attrs, name, Ms);
        }

        private string Mlp(string p, string x)
        {
            long h = c.Hidden, i = c.Intermediate;
            if (!c.GatedMlp) return Linear(p + "down_proj", Activation(p + "act", Linear(p + "up_proj", x, h, i, c.MlpBias)), i, h, c.MlpBias);
            var gate = Linear(p + "gate_proj", x, h, i, c.MlpBias);
            var up = Linear(p + "up_proj", x, h, i, c.MlpBias);
            var m = g.Add("Mul", [Activation(p + "act", gate), up], name: p + "mul");
            return Linear(p + "down_proj", m, i, h, c.MlpBias);
        }

        // SiLU as x·Sigmoid(x) (ORT GenAI), tanh-approximated GELU as FastGelu, exact GELU as com.microsoft Gelu.
        private string Activation(string name, string x)
        {
            var a = c.Activation.ToLowerInvariant();
            if (a == "relu") return g.Add("Relu", [x], name: name);
            if (a == "gelu") return g.Add("Gelu", [x], name: name, domain: Ms);
            if (a.StartsWith("gelu", StringComparison.Ordinal)) return g.Add("FastGelu", [x], name: name, domain: Ms);
            return g.Add("Mul", [x, g.Add("Sigmoid", [x], name: name + ".sigmoid")], name: name);
        }

        private string Linear(string name, string x, long inF, long outF, bool bias)
        {
            var y = g.Add("MatMul", [x, g.AddInitializer(name + ".weight", [inF, outF])], name: name);
            return bias ? g.Add("Add", [y, g.AddInitializer(name + ".bias", [outF], Init.Zeros)], name: name + ".add_bias") : y;
        }

        // First norm: (Simplified)LayerNormalization; later ones fuse the residual add: Skip(Simplified)LayerNormalization
        // returns the normalised sum (output 0) and the sum itself (output 3), the next residual.
        private string Norm(string name, string x, string? skip, out string sum)
        {
            var eps = ("epsilon", (object)1e-5f);
            var gamma = g.AddInitializer(name + ".weight", [c.Hidden], Init.Ones);
            List<string> ins = skip is null ? [x, gamma] : [x, skip, gamma];
            if (_ln) ins.Add(g.AddInitializer(name + ".bias", [c.Hidden], Init.Zeros));
            if (skip is null)
            {
                sum = x;
                return g.Add(_ln ? "LayerNormalization" : "SimplifiedLayerNormalization", ins, Attrs(("axis", -1L), eps), name);
            }
            string[] outs = [name, "", "", name == "norm" ? "" : name + ".residual"];
            var r = g.AddNode(_ln ? "SkipLayerNormalization" : "SkipSimplifiedLayerNormalization", ins, outs, Attrs(eps), name, Ms);
            sum = r[3];
            return r[0];
        }

        private static Dictionary<string, object> Attrs(params (string Key, object Value)[] items)
            => items.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

}

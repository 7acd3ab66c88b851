using ModelMeter.Costs;
using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// Emits the rows of one LLM stage: embeddings, each decoder layer, final norm and lm_head (docs/counting.md).
/// decodeContext is 0 for prefill, else the keys the decoded token attends to (before the window cap).
/// </summary>
internal sealed class LayerBuilder(LlmConfig c, LlmOptions o, Shard s, LlmRows rows, int batch, int tokens, long decodeContext)
{
    private const double Half = 16;
    private readonly LlmQuant _q = o.EffectiveQuant;
    private readonly long _n = (long)batch * tokens; // new tokens in the stage
    private readonly long _h = c.Hidden;

    public LlmRows Rows => rows;

    private long Act(long elements) => LlmProfiler.Bytes(elements, _q.ActivationBits);

    private bool IsPrefill => decodeContext == 0;

    public void Embeddings()
    {
        rows.Add("embed_tokens", "Gather", OpClass.DataMovement, Precision.Fp16, actIn: 8 * _n, actOut: Act(_n * _h),
            parameters: s.Vc * _h, weightBytes: Gathered("embed_tokens", c.Vocab) ?? LlmProfiler.Bytes(_n * _h, Half));
        if (c.EmbeddingNorm) Norm("embed_layernorm");
        if (c.LearnedPositionRows <= 0) return;
        rows.Add("embed_positions", "Gather", OpClass.DataMovement, Precision.Fp16, actIn: 8 * _n, actOut: Act(_n * _h),
            parameters: (long)c.LearnedPositionRows * _h, weightBytes: Gathered("embed_positions", c.LearnedPositionRows) ?? LlmProfiler.Bytes(_n * _h, Half));
        Elementwise("embed_add", "Add", _n * _h, 1, 2);
    }

    public void Layer(int i)
    {
        var p = $"layers.{i}.";
        Norm(p + "input_layernorm");
        if (c.Mla is { } m) MlaAttention(p, i, m);
        else
        {
            Linear(p + "attn.q_proj", _n, _h, s.Qw, c.QkvBias);
            Linear(p + "attn.k_proj", _n, _h, s.Kw, c.QkvBias);
            Linear(p + "attn.v_proj", _n, _h, s.Kw, c.QkvBias);
            if (c.QkNorm) { QkNorm(p + "attn.q_norm", s.Qw); QkNorm(p + "attn.k_norm", s.Kw); }
            if (c.RotaryFraction > 0)
            {
                long qk = _n * (s.Qw + s.Kw);
                rows.Add(p + "attn.rotary", "RotaryEmbedding", OpClass.Elementwise, Precision.Fp16, Act(qk), Act(qk),
                    flops: 3 * (long)Math.Round(qk * c.RotaryFraction));
            }
            CacheWrite(p, 2 * s.Kw);
            Attention(p, i, c.HeadDim, c.HeadDim, s.Kw, s.Kw, sharedKv: false);
        }
        Linear(p + "attn.o_proj", _n, s.Heads * (c.Mla?.VHeadDim ?? c.HeadDim), _h, c.OutputBias);
        if (c.NormsPerLayer >= 4) Norm(p + "post_attention_layernorm");
        if (s.Tp > 1) rows.Add(p + "attn.allreduce", "AllReduce", OpClass.Other, Precision.Fp16, 0, 0);
        Elementwise(p + "attn.residual", "Add", _n * _h, 1, 2);
        if (c.NormsPerLayer >= 2) Norm(p + (c.NormsPerLayer >= 4 ? "pre_feedforward_layernorm" : "post_attention_layernorm"));
        if (c.IsMoeLayer(i)) Moe(p); else Mlp(p + "mlp.", _n, s.DenseIc, 1, 1);
        if (c.NormsPerLayer >= 4) Norm(p + "post_feedforward_layernorm");
        if (s.Tp > 1) rows.Add(p + "mlp.allreduce", "AllReduce", OpClass.Other, Precision.Fp16, 0, 0);
        Elementwise(p + "mlp.residual", "Add", _n * _h, 1, 2);
    }

    /// <summary>
    /// Multi-head latent attention: low-rank q (or a direct q_proj), the shared latent + rotary key, its norm, rotary
    /// on the rope parts, the latent cache write, kv_b_proj and attention. Prefill decompresses per-head K/V (head dims
    /// qk_nope + qk_rope and v); decode attends over the cached latent with kv_b_proj absorbed into the query and the
    /// output (same MACs and weights as kv_b_proj on the new tokens; per key r + rope score and r value dims, one shared "KV head").
    /// </summary>
    private void MlaAttention(string p, int layer, LlmMla m)
    {
        long hc = s.Heads, r = m.KvLoraRank, rope = m.QkRopeHeadDim;
        if (m.QLoraRank is { } qr)
        {
            Linear(p + "attn.q_a_proj", _n, _h, qr, c.QkvBias);
            Norm(p + "attn.q_a_layernorm", qr);
            Linear(p + "attn.q_b_proj", _n, qr, hc * m.QkHeadDim, false);
        }
        else Linear(p + "attn.q_proj", _n, _h, hc * m.QkHeadDim, false);
        Linear(p + "attn.kv_a_proj_with_mqa", _n, _h, r + rope, c.QkvBias);
        Norm(p + "attn.kv_a_layernorm", r);
        long rotated = _n * (hc * rope + rope);
        rows.Add(p + "attn.rotary", "RotaryEmbedding", OpClass.Elementwise, Precision.Fp16, Act(rotated), Act(rotated), flops: 3 * rotated);
        CacheWrite(p, m.CacheWidth);
        Linear(p + "attn.kv_b_proj", _n, r, hc * (m.QkNopeHeadDim + m.VHeadDim), false);
        if (IsPrefill) Attention(p, layer, m.QkHeadDim, m.VHeadDim, hc * m.QkNopeHeadDim + rope, hc * m.VHeadDim, sharedKv: false);
        else Attention(p, layer, m.CacheWidth, r, m.CacheWidth, r, sharedKv: true);
    }

    private void CacheWrite(string p, long elementsPerToken)
        => rows.Add(p + "attn.kv_cache_write", "CacheWrite", OpClass.DataMovement, Precision.Fp16, Act(_n * elementsPerToken), 0,
            kvWrite: LlmProfiler.Bytes(_n * elementsPerToken, _q.KvBits));

    public void Head()
    {
        Norm("norm");
        long t = batch; // logits of the last position of each sequence only
        rows.Add("lm_head", "MatMul", OpClass.Gemm, Precision.Fp16, Act(t * _h), Act(t * s.Vc),
            macs: t * _h * s.Vc, flops: 2 * t * _h * s.Vc, parameters: c.TieEmbeddings ? 0 : s.Vc * _h,
            weightBytes: Stored(c.TieEmbeddings ? "embed_tokens" : "lm_head", 1) ?? LlmProfiler.Bytes(s.Vc * _h, Half));
        if (c.FinalSoftcap is not null) Elementwise("logits_softcap", "Softcap", t * s.Vc, 3, 1);
    }

    /// <summary>
    /// Attention of one layer: <paramref name="dqk"/>/<paramref name="dv"/> are the per-head score and value dims,
    /// <paramref name="kPerToken"/>/<paramref name="vPerToken"/> the K and V elements per token read (all KV heads of the chip);
    /// <paramref name="sharedKv"/>: V is a slice of the cached K (MLA's latent), so a fused kernel reads it once.
    /// </summary>
    private void Attention(string p, int layer, long dqk, long dv, long kPerToken, long vPerToken, bool sharedKv)
    {
        long b = batch, hc = s.Heads, t = tokens;
        long window = c.IsSlidingLayer(layer) ? c.SlidingWindow!.Value : long.MaxValue;
        // K/V source: prefill reads the fresh K/V activations; decode reads the cache (window-capped)
        long kvTokens = IsPrefill ? t : Math.Min(decodeContext, window);
        long kBytes = KvSource(b * kvTokens * kPerToken), vBytes = KvSource(b * kvTokens * vPerToken);
        long qIn = Act(b * t * hc * dqk), oOut = Act(b * t * hc * dv);
        long cap = c.AttentionSoftcap is null ? 0 : 3; // c·tanh(x/c): divide, tanh, multiply per score
        if (o.Flash)
        {
            long pairs = IsPrefill ? CausalPairs(t, window) : kvTokens; // per sequence and head; masked tiles skipped
            long macs = b * hc * pairs * (dqk + dv);
            long kvRead = IsPrefill ? 0 : sharedKv ? kBytes : kBytes + vBytes;
            rows.Add(p + "attn.flash", "FlashAttention", OpClass.Gemm, Precision.Fp16, qIn + (IsPrefill ? kBytes + vBytes : 0), oOut,
                macs: macs, flops: 2 * macs + (5 + cap) * b * hc * pairs, kvRead: kvRead);
            return;
        }
        long keys = IsPrefill ? t : kvTokens; // an unfused kernel computes the whole (masked) score matrix
        long scores = b * hc * t * keys;
        rows.Add(p + "attn.qk", "MatMul", OpClass.Gemm, Precision.Fp16, qIn + (IsPrefill ? kBytes : 0), Act(scores),
            macs: scores * dqk, flops: 2 * scores * dqk, kvRead: IsPrefill ? 0 : kBytes);
        if (cap > 0) Elementwise(p + "attn.softcap", "Softcap", scores, cap, 1);
        rows.Add(p + "attn.softmax", "Softmax", OpClass.Normalization, Precision.Fp16, Act(scores), Act(scores), flops: 5 * scores);
        rows.Add(p + "attn.av", "MatMul", OpClass.Gemm, Precision.Fp16, Act(scores) + (IsPrefill ? vBytes : 0), oOut,
            macs: scores * dv, flops: 2 * scores * dv, kvRead: IsPrefill ? 0 : vBytes);
    }

    /// <summary>
    /// Bytes of the stored weights behind a row (<see cref="LlmConfig.Weights"/>) read by this stage: the fraction read
    /// (experts touched) of this chip's share (1/TP for split tensors); null when the config has no stored weights.
    /// </summary>
    private long? Stored(string row, double readFraction, bool split = true)
        => c.Weights?.Get(row) is { } r ? (long)Math.Ceiling(r.Bytes * readFraction / (split ? s.Tp : 1)) : c.Weights is null ? null : 0;

    /// <summary>Stored bytes of the rows a lookup gathers: min(new tokens, this chip's rows) of <paramref name="rows"/>.</summary>
    private long? Gathered(string row, long rows)
        => c.Weights?.Get(row) is { } r && rows > 0 ? (long)Math.Ceiling((double)r.Bytes / rows * Math.Min(_n, (rows + s.Tp - 1) / s.Tp)) : c.Weights is null ? null : 0;

    private long KvSource(long elements) => IsPrefill ? Act(elements) : LlmProfiler.Bytes(elements, _q.KvBits);

    /// <summary>Query-key pairs of causal attention over <paramref name="t"/> tokens with a window: Σ min(i, w), i = 1..t.</summary>
    internal static long CausalPairs(long t, long w)
        => w >= t ? t * (t + 1) / 2 : w * (w + 1) / 2 + (t - w) * w;

    private void Mlp(string p, long tokens, long inner, long copies, double readFraction)
    {
        if (c.GatedMlp)
        {
            Linear(p + "gate_proj", tokens, _h, inner, c.MlpBias, copies, readFraction);
            Linear(p + "up_proj", tokens, _h, inner, c.MlpBias, copies, readFraction);
            Activation(p + "act", tokens * inner);
            Elementwise(p + "mul", "Mul", tokens * inner, 1, 2);
        }
        else
        {
            Linear(p + "up_proj", tokens, _h, inner, c.MlpBias, copies, readFraction);
            Activation(p + "act", tokens * inner);
        }
        Linear(p + "down_proj", tokens, inner, _h, c.MlpBias, copies, readFraction);
    }

    private void Moe(string p)
    {
        long e = c.Experts, k = c.ExpertsPerToken;
        long routerParams = _h * e + (c.RouterBias ? e : 0);
        rows.Add(p + "mlp.router", "MatMul", OpClass.Gemm, Precision.Fp16, Act(_n * _h), Act(_n * e),
            macs: _n * _h * e, flops: 2 * _n * _h * e + (c.RouterBias ? _n * e : 0), parameters: routerParams,
            weightBytes: Stored(p + "mlp.router", 1) ?? LlmProfiler.Bytes(routerParams, Half));
        rows.Add(p + "mlp.router_topk", "TopK", OpClass.Normalization, Precision.Fp16, Act(_n * e), Act(_n * k) + 8 * _n * k,
            flops: 5 * _n * e);
        // expected distinct experts touched when each of n tokens picks k of e uniformly
        double touched = e * (1 - Math.Pow(1 - (double)k / e, _n));
        Mlp(p + "mlp.experts.", _n * k, s.Ic, e, touched / e);
        Elementwise(p + "mlp.experts.combine", "Mul", _n * k * _h, 2, 1);
        if (c.SharedIntermediate <= 0) return;
        // always-active shared expert(s), run on every token (DeepSeek: n_shared × moe_intermediate_size wide)
        Mlp(p + "mlp.shared_expert.", _n, s.SharedIc, 1, 1);
        if (c.SharedExpertGate)
        {
            Linear(p + "mlp.shared_expert_gate", _n, _h, 1, false);
            Elementwise(p + "mlp.shared_expert_scale", "Mul", _n * _h, 1, 2); // sigmoid(gate) · shared output
        }
        Elementwise(p + "mlp.shared_expert_add", "Add", _n * _h, 1, 2);
    }

    private void Linear(string name, long tokens, long inF, long outF, bool bias, long copies = 1, double readFraction = 1)
    {
        long macs = tokens * inF * outF;
        long weights = copies * (inF * outF + (bias ? outF : 0));
        long bytes = Stored(name, readFraction)
            ?? (long)Math.Ceiling(copies * readFraction * (LlmProfiler.Bytes(inF * outF, _q.WeightBits) + (bias ? 2 * outF : 0)));
        rows.Add(name, "MatMul", OpClass.Gemm, _q.Compute, Act(tokens * inF), Act(tokens * outF),
            macs: macs, flops: 2 * macs + (bias ? tokens * outF : 0), parameters: weights, weightBytes: bytes);
    }

    private void Norm(string name) => Norm(name, _h);

    private void Norm(string name, long width)
    {
        bool ln = c.Norm == NormKind.LayerNorm;
        long weights = LlmWeights.NormWidth(c, width);
        rows.Add(name, ln ? "LayerNorm" : "RMSNorm", OpClass.Normalization, Precision.Fp16, Act(_n * width), Act(_n * width),
            flops: (ln ? 7 : 4) * _n * width, parameters: weights, weightBytes: Stored(name, 1, split: false) ?? LlmProfiler.Bytes(weights, Half));
    }

    /// <summary>A per-head RMS norm over <paramref name="width"/> (all heads of q or k): head_dim scale parameters.</summary>
    private void QkNorm(string name, long width)
        => rows.Add(name, "RMSNorm", OpClass.Normalization, Precision.Fp16, Act(_n * width), Act(_n * width),
            flops: 4 * _n * width, parameters: c.HeadDim, weightBytes: Stored(name, 1, split: false) ?? LlmProfiler.Bytes(c.HeadDim, Half));

    private void Activation(string name, long elements)
    {
        var a = c.Activation.ToLowerInvariant();
        (string op, long f) = a switch
        {
            "relu" => ("Relu", 1L),
            _ when a.StartsWith("gelu", StringComparison.Ordinal) => ("Gelu", 8L),
            _ => ("SiLU", 4L),
        };
        rows.Add(name, op, OpClass.Elementwise, Precision.Fp16, Act(elements), Act(elements), flops: f * elements);
    }

    private void Elementwise(string name, string op, long elements, long flopsPerElement, int inputs)
        => rows.Add(name, op, OpClass.Elementwise, Precision.Fp16, inputs * Act(elements), Act(elements), flops: flopsPerElement * elements);
}

using ModelMeter.Costs;
using ModelMeter.Llm;

namespace ModelMeter.Internals;

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
            parameters: s.Vc * _h, weightBytes: LlmProfiler.Bytes(_n * _h, Half));
        if (c.LearnedPositionRows <= 0) return;
        rows.Add("embed_positions", "Gather", OpClass.DataMovement, Precision.Fp16, actIn: 8 * _n, actOut: Act(_n * _h),
            parameters: (long)c.LearnedPositionRows * _h, weightBytes: LlmProfiler.Bytes(_n * _h, Half));
        Elementwise("embed_add", "Add", _n * _h, 1, 2);
    }

    public void Layer(int i)
    {
        var p = $"layers.{i}.";
        Norm(p + "input_layernorm");
        Linear(p + "attn.q_proj", _n, _h, s.Qw, c.QkvBias);
        Linear(p + "attn.k_proj", _n, _h, s.Kw, c.QkvBias);
        Linear(p + "attn.v_proj", _n, _h, s.Kw, c.QkvBias);
        if (c.RotaryFraction > 0)
        {
            long qk = _n * (s.Qw + s.Kw);
            rows.Add(p + "attn.rotary", "RotaryEmbedding", OpClass.Elementwise, Precision.Fp16, Act(qk), Act(qk),
                flops: 3 * (long)Math.Round(qk * c.RotaryFraction));
        }
        rows.Add(p + "attn.kv_cache_write", "CacheWrite", OpClass.DataMovement, Precision.Fp16, Act(2 * _n * s.Kw), 0,
            kvWrite: LlmProfiler.Bytes(2 * _n * s.Kw, _q.KvBits));
        Attention(p);
        Linear(p + "attn.o_proj", _n, s.Qw, _h, c.OutputBias);
        if (s.Tp > 1) rows.Add(p + "attn.allreduce", "AllReduce", OpClass.Other, Precision.Fp16, 0, 0);
        Elementwise(p + "attn.residual", "Add", _n * _h, 1, 2);
        Norm(p + "post_attention_layernorm");
        if (c.IsMoe) Moe(p); else Mlp(p + "mlp.", _n, 1, 1);
        if (s.Tp > 1) rows.Add(p + "mlp.allreduce", "AllReduce", OpClass.Other, Precision.Fp16, 0, 0);
        Elementwise(p + "mlp.residual", "Add", _n * _h, 1, 2);
    }

    public void Head()
    {
        Norm("norm");
        long t = batch; // logits of the last position of each sequence only
        rows.Add("lm_head", "MatMul", OpClass.Gemm, Precision.Fp16, Act(t * _h), Act(t * s.Vc),
            macs: t * _h * s.Vc, flops: 2 * t * _h * s.Vc, parameters: c.TieEmbeddings ? 0 : s.Vc * _h,
            weightBytes: LlmProfiler.Bytes(s.Vc * _h, Half));
    }

    private void Attention(string p)
    {
        long b = batch, hc = s.Heads, d = c.HeadDim, t = tokens;
        long window = c.SlidingWindow ?? long.MaxValue;
        // K/V source: prefill reads the fresh K/V activations; decode reads the cache (window-capped)
        long kvTokens = IsPrefill ? t : Math.Min(decodeContext, window);
        long kvElems = b * kvTokens * s.Kw;
        long kvBytes = IsPrefill ? Act(kvElems) : LlmProfiler.Bytes(kvElems, _q.KvBits);
        long qIn = Act(b * t * s.Qw), oOut = Act(b * t * s.Qw);
        if (o.Flash)
        {
            long pairs = IsPrefill ? CausalPairs(t, window) : kvTokens; // per sequence and head; masked tiles skipped
            long macs = 2 * b * hc * pairs * d;
            rows.Add(p + "attn.flash", "FlashAttention", OpClass.Gemm, Precision.Fp16, qIn + (IsPrefill ? 2 * kvBytes : 0), oOut,
                macs: macs, flops: 2 * macs + 5 * b * hc * pairs, kvRead: IsPrefill ? 0 : 2 * kvBytes);
            return;
        }
        long keys = IsPrefill ? t : kvTokens; // an unfused kernel computes the whole (masked) score matrix
        long scores = b * hc * t * keys;
        long mm = scores * d;
        rows.Add(p + "attn.qk", "MatMul", OpClass.Gemm, Precision.Fp16, qIn + (IsPrefill ? kvBytes : 0), Act(scores),
            macs: mm, flops: 2 * mm, kvRead: IsPrefill ? 0 : kvBytes);
        rows.Add(p + "attn.softmax", "Softmax", OpClass.Normalization, Precision.Fp16, Act(scores), Act(scores), flops: 5 * scores);
        rows.Add(p + "attn.av", "MatMul", OpClass.Gemm, Precision.Fp16, Act(scores) + (IsPrefill ? kvBytes : 0), oOut,
            macs: mm, flops: 2 * mm, kvRead: IsPrefill ? 0 : kvBytes);
    }

    /// <summary>Query-key pairs of causal attention over <paramref name="t"/> tokens with a window: Σ min(i, w), i = 1..t.</summary>
    internal static long CausalPairs(long t, long w)
        => w >= t ? t * (t + 1) / 2 : w * (w + 1) / 2 + (t - w) * w;

    private void Mlp(string p, long tokens, long copies, double readFraction)
    {
        if (c.GatedMlp)
        {
            Linear(p + "gate_proj", tokens, _h, s.Ic, c.MlpBias, copies, readFraction);
            Linear(p + "up_proj", tokens, _h, s.Ic, c.MlpBias, copies, readFraction);
            Activation(p + "act", tokens * s.Ic);
            Elementwise(p + "mul", "Mul", tokens * s.Ic, 1, 2);
        }
        else
        {
            Linear(p + "up_proj", tokens, _h, s.Ic, c.MlpBias, copies, readFraction);
            Activation(p + "act", tokens * s.Ic);
        }
        Linear(p + "down_proj", tokens, s.Ic, _h, c.MlpBias, copies, readFraction);
    }

    private void Moe(string p)
    {
        long e = c.Experts, k = c.ExpertsPerToken;
        rows.Add(p + "mlp.router", "MatMul", OpClass.Gemm, Precision.Fp16, Act(_n * _h), Act(_n * e),
            macs: _n * _h * e, flops: 2 * _n * _h * e, parameters: _h * e, weightBytes: LlmProfiler.Bytes(_h * e, Half));
        rows.Add(p + "mlp.router_topk", "TopK", OpClass.Normalization, Precision.Fp16, Act(_n * e), Act(_n * k) + 8 * _n * k,
            flops: 5 * _n * e);
        // expected distinct experts touched when each of n tokens picks k of e uniformly
        double touched = e * (1 - Math.Pow(1 - (double)k / e, _n));
        Mlp(p + "mlp.experts.", _n * k, e, touched / e);
        Elementwise(p + "mlp.experts.combine", "Mul", _n * k * _h, 2, 1);
    }

    private void Linear(string name, long tokens, long inF, long outF, bool bias, long copies = 1, double readFraction = 1)
    {
        long macs = tokens * inF * outF;
        long weights = copies * (inF * outF + (bias ? outF : 0));
        long bytes = (long)Math.Ceiling(copies * readFraction * (LlmProfiler.Bytes(inF * outF, _q.WeightBits) + (bias ? 2 * outF : 0)));
        rows.Add(name, "MatMul", OpClass.Gemm, _q.Compute, Act(tokens * inF), Act(tokens * outF),
            macs: macs, flops: 2 * macs + (bias ? tokens * outF : 0), parameters: weights, weightBytes: bytes);
    }

    private void Norm(string name)
    {
        bool ln = c.Norm == NormKind.LayerNorm;
        long weights = (ln ? 2 : 1) * _h;
        rows.Add(name, ln ? "LayerNorm" : "RMSNorm", OpClass.Normalization, Precision.Fp16, Act(_n * _h), Act(_n * _h),
            flops: (ln ? 7 : 4) * _n * _h, parameters: weights, weightBytes: LlmProfiler.Bytes(weights, Half));
    }

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

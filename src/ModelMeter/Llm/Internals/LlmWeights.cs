using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// Parameter elements of an LLM on one chip: Linear = the decoder's quantizable linear weights, Other = embeddings,
/// lm_head, norms, biases and routers (kept 16-bit). Active* count the routed experts a token uses (top-k) instead of
/// all of them. The one formula behind <see cref="LlmParamCount"/> and <see cref="LlmProfiler.WeightBytesPerChip"/>.
/// </summary>
internal readonly record struct LlmWeights(long Linear, long Other, long ActiveLinear, long ActiveOther)
{
    public static LlmWeights Of(LlmConfig c, Shard s)
    {
        long h = c.Hidden, lin = 0, oth = 0, aLin = 0, aOth = 0;
        var (attnLin, attnOth) = Attention(c, s);
        long layerNorms = c.NormsPerLayer * NormWidth(c, h);
        for (int i = 0; i < c.Layers; i++)
        {
            lin += attnLin; aLin += attnLin;
            oth += attnOth + layerNorms; aOth += attnOth + layerNorms;
            if (!c.IsMoeLayer(i))
            {
                var (ml, mo) = Mlp(c, s.DenseIc);
                lin += ml; aLin += ml; oth += mo; aOth += mo;
                continue;
            }
            var (el, eo) = Mlp(c, s.Ic);
            lin += c.Experts * el; oth += c.Experts * eo;
            aLin += c.ExpertsPerToken * el; aOth += c.ExpertsPerToken * eo;
            long router = h * c.Experts + (c.RouterBias ? c.Experts : 0);
            oth += router; aOth += router;
            if (c.SharedIntermediate > 0)
            {
                var (sl, so) = Mlp(c, s.SharedIc);
                long gate = c.SharedExpertGate ? h : 0;
                lin += sl + gate; aLin += sl + gate; oth += so; aOth += so;
            }
        }
        long embed = s.Vc * h + (long)c.LearnedPositionRows * h + (c.EmbeddingNorm ? NormWidth(c, h) : 0);
        long head = c.TieEmbeddings ? 0 : s.Vc * h;
        long final = NormWidth(c, h);
        oth += embed + head + final; aOth += embed + head + final;
        return new LlmWeights(lin, oth, aLin, aOth);
    }

    /// <summary>Parameters of a norm over <paramref name="width"/> elements: scale (RMSNorm) or scale and shift (LayerNorm).</summary>
    public static long NormWidth(LlmConfig c, long width) => (c.Norm == NormKind.LayerNorm ? 2 : 1) * width;

    /// <summary>One layer's attention on one chip: (linear weights, biases and norms).</summary>
    public static (long Linear, long Other) Attention(LlmConfig c, Shard s)
    {
        long h = c.Hidden;
        if (c.Mla is not { } m)
            return (h * s.Qw + 2 * h * s.Kw + s.Qw * h, (c.QkvBias ? s.Qw + 2 * s.Kw : 0) + (c.OutputBias ? h : 0) + (c.QkNorm ? 2L * c.HeadDim : 0));
        long hc = s.Heads, r = m.KvLoraRank, rope = m.QkRopeHeadDim;
        long q = m.QLoraRank is { } qr ? h * qr + qr * hc * m.QkHeadDim : h * hc * m.QkHeadDim;
        long lin = q + h * (r + rope) + r * hc * (m.QkNopeHeadDim + m.VHeadDim) + hc * m.VHeadDim * h;
        long norms = NormWidth(c, (m.QLoraRank ?? 0) + r);
        long bias = (c.QkvBias ? (m.QLoraRank ?? 0) + r + rope : 0) + (c.OutputBias ? h : 0);
        return (lin, norms + bias);
    }

    /// <summary>One MLP (or expert) of inner width <paramref name="inner"/>: (linear weights, biases).</summary>
    public static (long Linear, long Other) Mlp(LlmConfig c, long inner)
    {
        long h = c.Hidden;
        return ((c.GatedMlp ? 3 : 2) * h * inner, c.MlpBias ? (c.GatedMlp ? 2 * inner : inner) + h : 0);
    }
}

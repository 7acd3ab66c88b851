namespace ModelMeter.Llm;

/// <summary>Parameter counts of an LLM (whole model, all chips).</summary>
/// <param name="Total">All parameters (every expert; a tied lm_head counted once).</param>
/// <param name="Active">Parameters used per token (top-k experts only; equals Total for dense models).</param>
/// <param name="Embedding">Token (and learned position) embedding parameters.</param>
public sealed record LlmParamCount(long Total, long Active, long Embedding)
{
    /// <summary>Counts the parameters of <paramref name="c"/> by formula (see docs/counting.md).</summary>
    public static LlmParamCount Of(LlmConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        long h = c.Hidden, q = c.QueryWidth, kv = c.KvWidth, i = c.Intermediate;
        long attn = h * q + 2 * h * kv + q * h + (c.QkvBias ? q + 2 * kv : 0) + (c.OutputBias ? h : 0);
        long expert = (c.GatedMlp ? 3 : 2) * h * i + (c.MlpBias ? (c.GatedMlp ? 2 * i : i) + h : 0);
        long norms = (c.Norm == NormKind.LayerNorm ? 2 : 1) * h * 2;
        long router = c.IsMoe ? h * c.Experts : 0;
        long experts = c.IsMoe ? c.Experts : 1, active = c.IsMoe ? c.ExpertsPerToken : 1;
        long embed = (long)c.Vocab * h + (long)c.LearnedPositionRows * h;
        long head = c.TieEmbeddings ? 0 : (long)c.Vocab * h;
        long finalNorm = (c.Norm == NormKind.LayerNorm ? 2 : 1) * h;
        long perLayerBase = attn + norms + router;
        long total = c.Layers * (perLayerBase + experts * expert) + embed + head + finalNorm;
        long act = c.Layers * (perLayerBase + active * expert) + embed + head + finalNorm;
        return new LlmParamCount(total, act, embed);
    }
}

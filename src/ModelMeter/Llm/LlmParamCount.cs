using ModelMeter.Internals;
using ModelMeter.Llm.Internals;

namespace ModelMeter.Llm;

/// <summary>Parameter counts of an LLM (whole model, all chips).</summary>
/// <param name="Total">All parameters (every expert; a tied lm_head counted once; multi-token-prediction modules excluded).</param>
/// <param name="Active">Parameters used per token (top-k routed experts plus shared experts; equals Total for dense models).
/// Includes the token embedding table, as Mixtral's 12.9 B and Qwen1.5-MoE's 2.7 B do.</param>
/// <param name="Embedding">Token (and learned position) embedding parameters.</param>
public sealed record LlmParamCount(long Total, long Active, long Embedding)
{
    /// <summary>Active parameters without the token embedding (a lookup, not compute): DeepSeek's convention (V3: 36.6 B "activated").</summary>
    public long ActiveExcludingEmbedding => Active - Embedding;

    /// <summary>Counts the parameters of <paramref name="c"/> by formula (see docs/counting.md); with weights read from a checkpoint,
    /// the total is the checkpoint's (every tensor's weights) and active = total − the formula's inactive experts.</summary>
    public static LlmParamCount Of(LlmConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var w = LlmWeights.Of(c, Shard.Of(c, default));
        long embed = (long)c.Vocab * c.Hidden + (long)c.LearnedPositionRows * c.Hidden;
        long total = w.Linear + w.Other, active = w.ActiveLinear + w.ActiveOther;
        // a checkpoint's headers give the exact total; the routed experts not used per token follow from the formula
        if (c.Weights is { FromCheckpoint: true } stored) return new LlmParamCount(stored.TotalParams, stored.TotalParams - (total - active), embed);
        return new LlmParamCount(total, active, embed);
    }
}

namespace ModelMeter.Llm;

/// <summary>
/// Multi-head latent attention (DeepSeek-V2/V3): queries and keys/values go through low-rank projections, and the
/// cache holds one compressed latent (plus the shared rotary key) per token instead of per-head keys and values.
/// </summary>
/// <param name="QLoraRank">Rank of the query down-projection (<c>q_lora_rank</c>); null for a direct q_proj (DeepSeek-V2-Lite).</param>
/// <param name="KvLoraRank">Rank of the key/value latent (<c>kv_lora_rank</c>).</param>
/// <param name="QkNopeHeadDim">Per-head query/key dimensions without rotary positions (<c>qk_nope_head_dim</c>).</param>
/// <param name="QkRopeHeadDim">Per-head rotary query/key dimensions; the rotary key is shared by all heads (<c>qk_rope_head_dim</c>).</param>
/// <param name="VHeadDim">Per-head value dimension (<c>v_head_dim</c>).</param>
public sealed record LlmMla(int? QLoraRank, int KvLoraRank, int QkNopeHeadDim, int QkRopeHeadDim, int VHeadDim)
{
    /// <summary>Per-head query/key dimension: nope + rope.</summary>
    public int QkHeadDim => QkNopeHeadDim + QkRopeHeadDim;

    /// <summary>Cached elements per token and layer: the latent plus the shared rotary key.</summary>
    public int CacheWidth => KvLoraRank + QkRopeHeadDim;
}

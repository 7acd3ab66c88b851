using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// One chip's share of an LLM under tensor parallelism (Megatron-style: heads and MLP columns split, KV heads replicated
/// when fewer than chips). Ic is the routed expert's (or dense model's) MLP width, DenseIc the dense layers' of an MoE
/// model, SharedIc the shared experts'.
/// </summary>
internal sealed record Shard(int Tp, int Heads, int KvHeads, long Qw, long Kw, long Ic, long Vc, long DenseIc, long SharedIc)
{
    public static Shard Of(LlmConfig c, LlmOptions o)
    {
        int tp = o.Tp;
        if (c.Heads % tp != 0)
            throw ModelMeterException.Usage($"--tp {tp} does not divide the {c.Heads} attention heads of {c.Name}");
        if (c.KvHeads > tp && c.KvHeads % tp != 0)
            throw ModelMeterException.Usage($"--tp {tp} does not divide the {c.KvHeads} key/value heads of {c.Name}");
        int heads = c.Heads / tp, kv = Math.Max(1, c.KvHeads / tp);
        int dense = c.DenseIntermediate > 0 ? c.DenseIntermediate : c.Intermediate;
        return new Shard(tp, heads, kv, (long)heads * c.HeadDim, (long)kv * c.HeadDim,
            Split(c.Intermediate, tp), Split(c.Vocab, tp), Split(dense, tp), Split(c.SharedIntermediate, tp));
    }

    private static long Split(long n, int tp) => (n + tp - 1) / tp;
}

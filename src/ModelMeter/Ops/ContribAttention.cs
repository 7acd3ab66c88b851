using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Shared counting of the com.microsoft attention ops.</summary>
internal static class ContribAttention
{
    /// <summary>
    /// Scores and weighted sum: MACs = B·N·S·T·(Dqk + Dv); FLOPs = 2·MACs + softmax (<see cref="FlopTable.AttentionSoftmax"/> per score).
    /// </summary>
    public static (Count Macs, Count Flops) Core(OpContext ctx, Dim b, Dim heads, Dim s, Count t, Dim dqk, Dim dv)
    {
        Count scores = checked(ctx.Eval(b) * ctx.Eval(heads) * ctx.Eval(s) * t);
        Count macs = checked(scores * (ctx.Eval(dqk) + ctx.Eval(dv)));
        return (macs, checked(2 * macs + scores * FlopTable.AttentionSoftmax));
    }

    /// <summary>The num_heads attribute (required, positive).</summary>
    public static long Heads(OpContext ctx, string name = "num_heads")
    {
        long n = ctx.Node.GetInt(name, 0);
        return n > 0 ? n : throw OpContext.Fail($"attribute {name} must be positive");
    }
}

/// <summary>
/// com.microsoft Attention and QAttention (BERT-style, fused QKV projection): input [B,S,Din], weights [Din, Dq+Dk+Dv]
/// (qkv_hidden_sizes, default three equal parts), bias [Dq+Dk+Dv]; Attention's past [2,B,N,P,Dk/N] (input 4),
/// QAttention's past at input 8. Output [B,S,Dv]; present [2,B,N,P+S,Dk/N]. MACs = projection B·S·Din·(Dq+Dk+Dv) plus
/// the attention core B·N·S·(P+S)·(Dq/N + Dv/N). QAttention computes the projection in int8.
/// </summary>
internal sealed class ContribAttentionRule : IOpRule
{
    private sealed record Geometry(Dim B, Dim S, Dim Din, long N, Dim Dq, Dim Dk, Dim Dv, Dim P);

    private static Geometry Read(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        if (x.Rank != 3 || w.Rank != 2) throw OpContext.Fail($"expected input [B,S,D] and weights [D, 3·H], got {x} and {w}");
        long n = ContribAttention.Heads(ctx);
        Dim dq, dk, dv;
        if (ctx.Node.GetInts("qkv_hidden_sizes") is { Count: 3 } sizes) (dq, dk, dv) = (sizes[0], sizes[1], sizes[2]);
        else { var third = w[1].IsKnown ? Dim.Of(w[1].Value / 3) : w[1] / 3; (dq, dk, dv) = (third, third, third); }
        int pastAt = ctx.Node.OpType == "QAttention" ? 8 : 4;
        Dim p = ctx.InputShape(pastAt) is { Rank: 5 } past ? past[3] : 0;
        return new Geometry(x[0], x[1], x[2], n, dq, dk, dv, p);
    }

    public void Infer(OpContext ctx)
    {
        var g = Read(ctx);
        var et = ctx.Node.OpType == "QAttention" ? DataType.Float : ctx.InputElementType(0);
        if (ctx.Node.OpType == "QAttention" && ctx.InputElementType(2) != DataType.Undefined) et = ctx.InputElementType(2);
        ctx.SetOutput(0, TensorType.Of(et, new Shape([g.B, g.S, g.Dv])));
        if (ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(et, new Shape([2, g.B, g.N, g.P + g.S, g.Dk / g.N])));
    }

    public OpCost Cost(OpContext ctx)
    {
        var g = Read(ctx);
        Count rows = checked(ctx.Eval(g.B) * ctx.Eval(g.S));
        Count width = checked(ctx.Eval(g.Dq) + ctx.Eval(g.Dk) + ctx.Eval(g.Dv));
        Count proj = checked(rows * ctx.Eval(g.Din) * width);
        var (core, coreFlops) = ContribAttention.Core(ctx, g.B, g.N, g.S, ctx.Eval(g.P + g.S), g.Dq / g.N, g.Dv / g.N);
        Count flops = checked(2 * proj + (ctx.HasInput(2) ? rows * width : 0) + coreFlops);
        bool q = ctx.Node.OpType == "QAttention";
        return new OpCost
        {
            Macs = checked(proj + core), Flops = flops, Class = OpClass.Gemm, WeightInputs = [1, 2],
            Precision = q ? Precision.Int8 : null,
        };
    }
}

/// <summary>
/// com.microsoft MultiHeadAttention (projections done outside): query [B,S,Dq] (or packed QKV [B,S,N,3,H] without
/// key), key [B,L,Dk] or [B,N,L,H] or packed KV [B,L,N,2,H], value [B,L,Dv] or [B,N,L,Hv], past_key/past_value
/// [B,N,P,H] (inputs 6, 7). Output [B,S,N·Hv]; present_key [B,N,P+L,H], present_value [B,N,P+L,Hv];
/// qk (output 3) [B,N,S,P+L]. MACs = B·N·S·(P+L)·(H + Hv).
/// </summary>
internal sealed class MultiHeadAttentionRule : IOpRule
{
    private sealed record Geometry(Dim B, Dim S, long N, Dim L, Dim H, Dim Hv, Dim P);

    private static Geometry Read(OpContext ctx)
    {
        var q = ctx.RequireShape(0);
        long n = ContribAttention.Heads(ctx);
        Dim p = ctx.InputShape(6) is { Rank: 4 } past ? past[2] : 0;
        if (q.Rank == 5) return new Geometry(q[0], q[1], n, q[1], q[4], q[4], p); // packed QKV
        if (q.Rank != 3) throw OpContext.Fail($"query must be [B,S,D] or [B,S,N,3,H], got {q}");
        var k = ctx.RequireShape(1);
        var h = q[2] / n;
        if (k.Rank == 5) return new Geometry(q[0], q[1], n, k[1], k[4], k[4], p); // packed KV
        var v = ctx.InputShape(2);
        if (k.Rank == 4) return new Geometry(q[0], q[1], n, k[2], k[3], v is { Rank: 4 } ? v[3] : k[3], p);
        if (k.Rank != 3) throw OpContext.Fail($"key must be 3-D, 4-D or 5-D, got {k}");
        return new Geometry(q[0], q[1], n, k[1], h, v is { Rank: 3 } ? v[2] / n : h, p);
    }

    public void Infer(OpContext ctx)
    {
        var g = Read(ctx);
        var et = ctx.InputElementType(0);
        ctx.SetOutput(0, TensorType.Of(et, new Shape([g.B, g.S, g.Hv * g.N])));
        var total = g.P + g.L;
        if (ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(et, new Shape([g.B, g.N, total, g.H])));
        if (ctx.HasOutput(2)) ctx.SetOutput(2, TensorType.Of(et, new Shape([g.B, g.N, total, g.Hv])));
        if (ctx.HasOutput(3)) ctx.SetOutput(3, TensorType.Of(et, new Shape([g.B, g.N, g.S, total])));
    }

    public OpCost Cost(OpContext ctx)
    {
        var g = Read(ctx);
        var (macs, flops) = ContribAttention.Core(ctx, g.B, g.N, g.S, ctx.Eval(g.P + g.L), g.H, g.Hv);
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Gemm, WeightInputs = [3] };
    }
}

/// <summary>
/// com.microsoft GroupQueryAttention: query [B,S,N·H] (or packed [B,S,(N+2·Nkv)·H] without key/value), key/value
/// [B,S,Nkv·H], past_key/past_value [B,Nkv,P,H] (inputs 3, 4). Output [B,S,N·H]; present_key/present_value
/// [B,Nkv,P+S,H]; seqlens_k, total_sequence_length (5, 6); cos_cache/sin_cache [max positions, R/2] (7, 8: buffers,
/// not parameters). MACs = B·N·S·T·2H with T = P+S keys per query (each query head reads its group's K and V);
/// <c>local_window_size</c> W ≥ 0 (sliding window) caps T at W+1, as ONNX Runtime's kernel attends the token itself and
/// the W before it. Rotary (do_rotary) adds 3 FLOPs per rotated Q and K element (R = 2·cos_cache's last dim of each
/// head, H without a cache shape).
/// </summary>
internal sealed class GroupQueryAttentionRule : IOpRule
{
    private sealed record Geometry(Dim B, Dim S, long N, long Nkv, Dim H, Dim P);

    private static Geometry Read(OpContext ctx)
    {
        var q = ctx.RequireShape(0);
        if (q.Rank != 3) throw OpContext.Fail($"query must be [B,S,D], got {q}");
        long n = ContribAttention.Heads(ctx), nkv = ContribAttention.Heads(ctx, "kv_num_heads");
        bool packed = !ctx.HasInput(1);
        var h = q[2] / (packed ? n + 2 * nkv : n);
        if (h.IsUnknown && ctx.InputShape(3) is { Rank: 4 } pk) h = pk[3];
        Dim p = ctx.InputShape(3) is { Rank: 4 } past ? past[2] : 0;
        return new Geometry(q[0], q[1], n, nkv, h, p);
    }

    public void Infer(OpContext ctx)
    {
        var g = Read(ctx);
        var et = ctx.InputElementType(0);
        ctx.SetOutput(0, TensorType.Of(et, new Shape([g.B, g.S, g.H * g.N])));
        var present = TensorType.Of(et, new Shape([g.B, g.Nkv, g.P + g.S, g.H]));
        if (ctx.HasOutput(1)) ctx.SetOutput(1, present);
        if (ctx.HasOutput(2)) ctx.SetOutput(2, present);
    }

    public OpCost Cost(OpContext ctx)
    {
        var g = Read(ctx);
        Count keys = ctx.Eval(g.P + g.S);
        long window = ctx.Node.GetInt("local_window_size", -1);
        if (window >= 0) keys = Count.Min(keys, checked(window + 1));
        var (macs, flops) = ContribAttention.Core(ctx, g.B, g.N, g.S, keys, g.H, g.H);
        if (ctx.Node.GetInt("do_rotary", 0) != 0)
        {
            Count rotated = ctx.InputShape(7) is { Rank: 2 } cos && cos[1].IsKnown ? 2 * cos[1].Value : ctx.Eval(g.H);
            flops = checked(flops + 3 * ctx.Eval(g.B) * ctx.Eval(g.S) * (g.N + g.Nkv) * Count.Min(rotated, ctx.Eval(g.H)));
        }
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Gemm, BufferInputs = [7, 8] };
    }
}

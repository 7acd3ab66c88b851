using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Attention (ai.onnx 23) and FlexAttention (preview): Q/K/V 4-D [B, heads, seq, head] or 3-D [B, seq, heads·head]
/// (q_num_heads/kv_num_heads). Y has Q's layout with V's head size; present_key/value = past ++ current along the
/// sequence; qk_matmul_output = [B, Hq, S, total]. MACs = B·Hq·S·T·(Dqk + Dv) (scores and weighted sum).
/// </summary>
internal sealed class AttentionRule : IOpRule
{
    private sealed record Geometry(Dim B, Dim Hq, Dim Hkv, Dim S, Dim L, Dim P, Dim Dqk, Dim Dv, bool ThreeD);

    private static Geometry Read(OpContext ctx)
    {
        var q = ctx.RequireShape(0);
        var k = ctx.RequireShape(1);
        var v = ctx.RequireShape(2);
        Dim p = ctx.Node.OpType == "Attention" && ctx.InputShape(4) is { Rank: 4 } past ? past[2] : 0;
        if (q.Rank == 4) return new Geometry(q[0], q[1], k[1], q[2], k[2], p, q[3], v[3], false);
        if (q.Rank != 3) throw OpContext.Fail($"Q must be 3-D or 4-D, got {q}");
        Dim hq = ctx.Node.GetInt("q_num_heads", 0), hkv = ctx.Node.GetInt("kv_num_heads", 0);
        if (hq == Dim.Of(0) || hkv == Dim.Of(0)) throw OpContext.Fail("3-D inputs need q_num_heads and kv_num_heads");
        return new Geometry(q[0], hq, hkv, q[1], k[1], p, q[2] / hq, v[2] / hkv, true);
    }

    public void Infer(OpContext ctx)
    {
        var g = Read(ctx);
        var et = ctx.InputElementType(0);
        ctx.SetOutput(0, TensorType.Of(et, g.ThreeD ? new Shape([g.B, g.S, g.Hq * g.Dv]) : new Shape([g.B, g.Hq, g.S, g.Dv])));
        var total = g.P + g.L;
        if (ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(et, new Shape([g.B, g.Hkv, total, g.Dqk])));
        if (ctx.HasOutput(2)) ctx.SetOutput(2, TensorType.Of(et, new Shape([g.B, g.Hkv, total, g.Dv])));
        if (ctx.HasOutput(3)) ctx.SetOutput(3, TensorType.Of(et, new Shape([g.B, g.Hq, g.S, total])));
    }

    public OpCost Cost(OpContext ctx)
    {
        var g = Read(ctx);
        Count rows = checked(ctx.Eval(g.B) * ctx.Eval(g.Hq) * ctx.Eval(g.S));
        Count t = ctx.Eval(g.P + g.L);
        Count macs = checked(rows * t * (ctx.Eval(g.Dqk) + ctx.Eval(g.Dv)));
        Count softmax = checked(rows * t * FlopTable.AttentionSoftmax); // max, sub, exp, sum, div (scale folded into Q)
        return new OpCost { Macs = macs, Flops = checked(2 * macs + softmax), Class = OpClass.Gemm };
    }
}

/// <summary>
/// LinearAttention (recurrent state [B, H, Dk, Dv]): output has Q's shape; present_state = past_state's shape, else
/// [B, kv_num_heads, Dk, Dv]. MACs per token per head: Dk·Dv for the state update and Dk·Dv for the read-out (×2 with a delta rule).
/// </summary>
internal sealed class LinearAttentionRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var q = ctx.RequireShape(0);
        var et = ctx.InputElementType(0);
        var v = ctx.RequireShape(2);
        Dim hq = ctx.Node.GetInt("q_num_heads", 1), hkv = ctx.Node.GetInt("kv_num_heads", ctx.Node.GetInt("q_num_heads", 1));
        ctx.SetOutput(0, TensorType.Of(et, q.Rank == 3 ? new Shape([q[0], q[1], hq * (v[-1] / hkv)]) : new Shape([q[0], q[1], q[2], v[-1]])));
        if (!ctx.HasOutput(1)) return;
        if (ctx.InputShape(3) is { Rank: 4 } past) { ctx.SetOutput(1, TensorType.Of(et, past)); return; }
        var k = ctx.RequireShape(1);
        if (k.Rank == 4) { ctx.SetOutput(1, TensorType.Of(et, new Shape([k[0], k[1], k[3], v[3]]))); return; }
        Dim h = ctx.Node.GetInt("kv_num_heads", ctx.Node.GetInt("q_num_heads", 1));
        ctx.SetOutput(1, TensorType.Of(et, new Shape([k[0], h, k[2] / h, v[2] / h])));
    }

    public OpCost Cost(OpContext ctx)
    {
        Count state = ctx.OutputElements(1);
        var q = ctx.RequireShape(0);
        Count tokens = ctx.Eval(q.Rank == 3 ? q[1] : q[2]);
        bool delta = ctx.Node.GetString("update_rule", "linear").Contains("delta", StringComparison.Ordinal);
        Count macs = checked(state * tokens * (delta ? 3 : 2));
        return new OpCost { Macs = macs, Flops = checked(2 * macs), Class = OpClass.Gemm };
    }
}

/// <summary>CausalConvWithState: depth-wise causal conv over [B, C, T]; present_state = [B, C, K-1]. MACs = B·C·T·K.</summary>
internal sealed class CausalConvWithStateRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, x));
        if (ctx.HasOutput(1)) ctx.SetOutput(1, OpUtil.Like(ctx, 0, new Shape([x[0], x[1], w[-1] - 1])));
    }

    public OpCost Cost(OpContext ctx)
    {
        Count k = ctx.Eval(ctx.RequireShape(1)[-1]);
        Count macs = checked(ctx.OutputElements(0) * k);
        return new OpCost { Macs = macs, Flops = checked(2 * macs), Class = OpClass.DepthwiseConv, WeightInputs = [1, 2] };
    }
}

/// <summary>Shape-preserving normalisations and position encodings of the newer opsets: RMSNormalization, RotaryEmbedding, SwiGLU.</summary>
internal sealed class ShapePreservingRule : IOpRule
{
    public void Infer(OpContext ctx) => OpUtil.SameAsInput(ctx);

    public OpCost Cost(OpContext ctx) => ctx.Node.OpType switch
    {
        "RMSNormalization" => OpCost.PerElement(ctx.OutputElements(0), 4, OpClass.Normalization) with { WeightInputs = [1] }, // square, sum, scale, weight (+ rsqrt per row)
        // x·cos + rotate(x)·sin; the cos/sin caches are buffers, not parameters
        "RotaryEmbedding" => OpCost.PerElement(ctx.OutputElements(0), 3) with { BufferInputs = ctx.Node.Domain == "com.microsoft" ? [2, 3] : [1, 2] },
        _ => OpCost.PerElement(ctx.OutputElements(0), FlopTable.PerElement("Swish") + 1),
    };
}

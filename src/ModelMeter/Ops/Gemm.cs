using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Gemm: Y = alpha·op(A)·op(B) + beta·C with transA/transB and C broadcast to [M,N].
/// MACs = M·N·K; FLOPs = 2·M·N·K, + M·N when alpha ≠ 1 (scaling), + M·N for adding C, + M·N more when beta ≠ 1.
/// </summary>
public sealed class Gemm : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var (m, n, k) = Dims(ctx);
        _ = k;
        var y = new Shape([m, n]);
        if (ctx.HasInput(2))
        {
            var c = ctx.RequireShape(2);
            if (c.Rank > 2) throw OpContext.Fail($"C has rank {c.Rank} > 2");
            var b = ShapeMath.Broadcast(y, c);
            if (b.Rank != 2 || (b[0].IsKnown && m.IsKnown && b[0] != m) || (b[1].IsKnown && n.IsKnown && b[1] != n))
                throw OpContext.Fail($"C {c} does not broadcast to [{m},{n}]");
        }
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), y));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var (m, n, k) = Dims(ctx);
        Count mn = checked(ctx.Eval(m) * ctx.Eval(n));
        Count macs = checked(mn * ctx.Eval(k));
        Count flops = 2 * macs;
        if (ctx.Node.GetFloat("alpha", 1f) != 1f) flops = checked(flops + mn);
        if (ctx.HasInput(2))
        {
            flops = checked(flops + mn);
            if (ctx.Node.GetFloat("beta", 1f) != 1f) flops = checked(flops + mn);
        }
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Gemm, WeightInputs = [1, 2] };
    }

    private static (Dim M, Dim N, Dim K) Dims(OpContext ctx)
    {
        var a = ctx.RequireShape(0);
        var b = ctx.RequireShape(1);
        if (a.Rank != 2 || b.Rank != 2) throw OpContext.Fail($"Gemm needs 2-D inputs, got {a} and {b}");
        bool ta = ctx.Node.GetInt("transA", 0) != 0, tb = ctx.Node.GetInt("transB", 0) != 0;
        Dim m = ta ? a[1] : a[0], ka = ta ? a[0] : a[1];
        Dim kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
        if (ka.IsKnown && kb.IsKnown && ka.Value != kb.Value)
            throw OpContext.Fail($"inner dims differ: A {a}{(ta ? " (transposed)" : "")} and B {b}{(tb ? " (transposed)" : "")}");
        return (m, n, ka.IsKnown ? ka : kb);
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// MatMul with numpy semantics: batch dims broadcast, a 1-D first input is promoted to [1,K] and a 1-D second input
/// to [K,1] (the promoted dims are removed from the result). MACs = batch·M·N·K; FLOPs = 2·MACs.
/// </summary>
public sealed class MatMul : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var (batch, m, n, _, aVector, bVector) = Dims(ctx);
        var dims = new List<Dim>(batch.Dims);
        if (!aVector) dims.Add(m);
        if (!bVector) dims.Add(n);
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var (batch, m, n, k, _, _) = Dims(ctx);
        Count macs = checked(ctx.Elements(batch) * ctx.Eval(m) * ctx.Eval(n) * ctx.Eval(k));
        return new OpCost { Macs = macs, Flops = checked(2 * macs), Class = OpClass.Gemm, WeightInputs = [1] };
    }

    internal static (Shape Batch, Dim M, Dim N, Dim K, bool AVector, bool BVector) Dims(OpContext ctx)
    {
        var a = ctx.RequireShape(0);
        var b = ctx.RequireShape(1);
        if (a.Rank == 0 || b.Rank == 0) throw OpContext.Fail("MatMul inputs must not be scalars");
        bool av = a.Rank == 1, bv = b.Rank == 1;
        if (av) a = new Shape([1, a[0]]);
        if (bv) b = new Shape([b[0], 1]);
        Dim ka = a[-1], kb = b[-2];
        if (ka.IsKnown && kb.IsKnown && ka.Value != kb.Value)
            throw OpContext.Fail($"inner dims differ: {ctx.InputShape(0)} × {ctx.InputShape(1)}");
        var batch = ShapeMath.Broadcast(new Shape(a.Dims.Take(a.Rank - 2)), new Shape(b.Dims.Take(b.Rank - 2)));
        return (batch, a[-2], b[-1], ka.IsKnown ? ka : kb, av, bv);
    }
}

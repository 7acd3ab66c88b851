using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Ops;

/// <summary>
/// GlobalAveragePool, GlobalMaxPool, GlobalLpPool: [N,C,spatial…] → [N,C,1,…]. FLOPs: one per input element for
/// Average/Max (the window is the whole spatial extent: adds or compares, the average's divide replacing one add);
/// 2 per input element + 1 per output element for Lp.
/// </summary>
public sealed class GlobalPooling : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 2) throw OpContext.Fail($"input rank {x.Rank} < 2 (expected [N,C,spatial…])");
        var dims = new List<Dim> { x[0], x[1] };
        for (int i = 2; i < x.Rank; i++) dims.Add(1);
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        Count input = ctx.InputElements(0);
        Count flops = ctx.Node.OpType == "GlobalLpPool" ? checked(2 * input + ctx.OutputElements(0)) : input;
        return new OpCost { Flops = flops, Class = OpClass.Pooling };
    }
}

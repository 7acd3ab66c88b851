using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// com.microsoft FusedConv (Conv + activation, optional Sum input Z) and FusedGemm (Gemm + activation): the plain op's
/// shapes and MACs; FLOPs add one per output element for the fused activation and one for the fused Sum.
/// </summary>
internal sealed class FusedRule : IOpRule
{
    private static readonly Conv s_conv = new();
    private static readonly Gemm s_gemm = new();

    private static IOpRule Inner(OpContext ctx) => ctx.Node.OpType == "FusedConv" ? s_conv : s_gemm;

    public void Infer(OpContext ctx) => Inner(ctx).Infer(ctx);

    public OpCost Cost(OpContext ctx)
    {
        var c = Inner(ctx).Cost(ctx);
        return c with { Flops = checked(c.Flops + FusedExtras(ctx, ctx.Node.OpType == "FusedConv" ? 3 : -1)) };
    }

    /// <summary>One FLOP per output element for an <c>activation</c> attribute and one for a present Sum input.</summary>
    internal static Count FusedExtras(OpContext ctx, int sumInput)
    {
        Count outputs = ctx.OutputElements(0);
        return (ctx.Node.GetString("activation", "").Length > 0 ? outputs : 0) + (sumInput >= 0 && ctx.HasInput(sumInput) ? outputs : 0);
    }
}

/// <summary>
/// com.microsoft FusedMatMul: MatMul with transA/transB (last two dims swapped), transBatchA/transBatchB (dim 0 moved
/// behind the batch dims: [d0, b…, x] read as [b…, d0, x]) and alpha. MACs = batch·M·N·K; FLOPs = 2·MACs (+ M·N·batch
/// for alpha ≠ 1).
/// </summary>
internal sealed class FusedMatMulRule : IOpRule
{
    private static Shape Logical(Shape s, bool trans, bool transBatch)
    {
        var d = s.Dims.ToList();
        if (d.Count < 2) return s;
        if (transBatch && d.Count > 2) { var first = d[0]; d.RemoveAt(0); d.Insert(d.Count - 1, first); }
        if (trans) (d[^1], d[^2]) = (d[^2], d[^1]);
        return new Shape(d);
    }

    private static (Shape Batch, Dim M, Dim N, Dim K) Dims(OpContext ctx)
    {
        var n = ctx.Node;
        var a = Logical(ctx.RequireShape(0), n.GetInt("transA", 0) != 0, n.GetInt("transBatchA", 0) != 0);
        var b = Logical(ctx.RequireShape(1), n.GetInt("transB", 0) != 0, n.GetInt("transBatchB", 0) != 0);
        if (a.Rank < 2 || b.Rank < 2) throw OpContext.Fail("FusedMatMul inputs must be at least 2-D");
        if (a[-1].IsKnown && b[-2].IsKnown && a[-1].Value != b[-2].Value) throw OpContext.Fail($"inner dims differ: {a} × {b}");
        var batch = ShapeMath.Broadcast(new Shape(a.Dims.Take(a.Rank - 2)), new Shape(b.Dims.Take(b.Rank - 2)));
        return (batch, a[-2], b[-1], a[-1].IsKnown ? a[-1] : b[-2]);
    }

    public void Infer(OpContext ctx)
    {
        var (batch, m, nn, _) = Dims(ctx);
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([.. batch.Dims, m, nn])));
    }

    public OpCost Cost(OpContext ctx)
    {
        var (batch, m, n, k) = Dims(ctx);
        Count mn = checked(ctx.Elements(batch) * ctx.Eval(m) * ctx.Eval(n));
        Count macs = checked(mn * ctx.Eval(k));
        Count flops = checked(2 * macs + (ctx.Node.GetFloat("alpha", 1f) != 1f ? mn : 0));
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Gemm, WeightInputs = [1] };
    }
}

/// <summary>
/// com.microsoft NhwcConv: X [N, spatial…, C], W [M, kernel…, C/group] (channels last, ONNX Runtime's layout),
/// Y [N, spatial_out…, M]. MACs = output elements · prod(kernel) · C/group, as Conv.
/// </summary>
internal sealed class NhwcConvRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        if (x.Rank < 3 || w.Rank != x.Rank) throw OpContext.Fail($"expected X [N,spatial…,C] and W of the same rank, got {x} and {w}");
        int spatial = x.Rank - 2;
        var kernel = w.Dims.Skip(1).Take(spatial).All(d => d.IsKnown) ? w.Dims.Skip(1).Take(spatial).Select(d => d.Value).ToArray() : null;
        var win = Window.Read(ctx.Node, spatial, kernel);
        var dims = new List<Dim> { x[0] };
        for (int i = 0; i < spatial; i++) dims.Add(win.Output(i, x[i + 1]));
        dims.Add(w[0]);
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx)
    {
        var w = ctx.RequireShape(1);
        Count perOutput = 1;
        for (int i = 1; i < w.Rank; i++) perOutput = checked(perOutput * ctx.Eval(w[i]));
        Count outElements = ctx.OutputElements(0);
        Count macs = checked(outElements * perOutput);
        Count flops = checked(2 * macs + (ctx.HasInput(2) ? outElements : 0) + FusedRule.FusedExtras(ctx, 3));
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Conv, WeightInputs = [1, 2] };
    }
}

/// <summary>com.microsoft BiasAdd (X + bias + skip: 2 FLOPs per element) and BiasSoftmax (softmax(data + bias)): output like input 0.</summary>
internal sealed class BiasOpsRule : IOpRule
{
    public void Infer(OpContext ctx) => OpUtil.SameAsInput(ctx);

    public OpCost Cost(OpContext ctx) => ctx.Node.OpType == "BiasAdd"
        ? OpCost.PerElement(ctx.OutputElements(0), 2) with { WeightInputs = [1] }
        : OpCost.PerElement(ctx.OutputElements(0), 1 + FlopTable.Transcendental + 3 + FlopTable.Div, OpClass.Normalization) with { WeightInputs = [1] };
}

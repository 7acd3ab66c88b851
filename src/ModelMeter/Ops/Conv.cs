using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Conv (1D/2D/3D; groups, depth-wise, dilations, strides, pads, auto_pad).
/// MACs = N·C_out·spatial_out·(C_in/g)·prod(kernel); FLOPs = 2·MACs + one per output element when a bias is present.
/// </summary>
public sealed class Conv : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var (x, w, spatial, group) = Window.ConvInputs(ctx);
        var win = Window.Read(ctx.Node, spatial, w.TryValues()?[2..]);
        var cin = x[1];
        var wcin = w[1];
        if (cin.IsKnown && wcin.IsKnown && cin.Value != wcin.Value * group)
            throw OpContext.Fail($"input has {cin} channels but weight expects {wcin}×{group} groups");
        if (w[0].IsKnown && w[0].Value % group != 0)
            throw OpContext.Fail($"output channels {w[0]} not divisible by group {group}");
        if (ctx.HasInput(2) && ctx.InputShape(2) is { } b && (b.Rank != 1 || b[0].IsKnown && w[0].IsKnown && b[0].Value != w[0].Value))
            throw OpContext.Fail($"bias shape {b} does not match {w[0]} output channels");
        var dims = new List<Dim> { x[0], w[0] };
        for (int i = 0; i < spatial; i++) dims.Add(win.Output(i, x[i + 2]));
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        long group = ctx.Node.GetInt("group", 1);
        Count outElements = ctx.OutputElements(0);
        // per output element: (C_in/g)·prod(kernel) = the weight's dims after the first
        Count perOutput = 1;
        for (int i = 1; i < w.Rank; i++) perOutput = checked(perOutput * ctx.Eval(w[i]));
        Count macs = checked(outElements * perOutput);
        Count flops = checked(2 * macs + (ctx.HasInput(2) ? outElements : 0));
        var cin = x[1];
        bool depthwise = cin.IsKnown && cin.Value > 1 && group == cin.Value;
        return new OpCost
        {
            Macs = macs,
            Flops = flops,
            Class = depthwise ? OpClass.DepthwiseConv : OpClass.Conv,
            WeightInputs = [1, 2],
        };
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Windowed pooling: MaxPool (with optional int64 Indices output), AveragePool, LpPool; kernel_shape, strides, pads,
/// auto_pad, dilations and ceil_mode. FLOPs: prod(kernel) per output element for Max/Average (k−1 compares or adds,
/// plus one divide for the average; count_include_pad changes no count), 2·prod(kernel)+1 for LpPool (power and add
/// per window element, one root).
/// </summary>
public sealed class Pooling : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 3) throw OpContext.Fail($"input rank {x.Rank} < 3 (expected [N,C,spatial…])");
        if (ctx.Node.Attr("kernel_shape") is null) throw OpContext.Fail("kernel_shape attribute is required");
        int spatial = x.Rank - 2;
        var win = Window.Read(ctx.Node, spatial, null);
        bool ceil = ctx.Node.GetInt("ceil_mode", 0) != 0;
        var dims = new List<Dim> { x[0], x[1] };
        for (int i = 0; i < spatial; i++) dims.Add(win.Output(i, x[i + 2], ceil));
        var shape = new Shape(dims);
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), shape));
        if (ctx.Node.OpType == "MaxPool" && ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(DataType.Int64, shape));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var win = Window.Read(ctx.Node, x.Rank - 2, null);
        long k = win.KernelSize;
        long perOutput = ctx.Node.OpType == "LpPool" ? checked(2 * k + 1) : k;
        return OpCost.PerElement(ctx.OutputElements(0), perOutput, OpClass.Pooling);
    }
}

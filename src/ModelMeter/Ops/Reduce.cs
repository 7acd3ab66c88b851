using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Reductions: axes are an attribute before opset 18 (ReduceSum: before 13) and an optional input after;
/// keepdims (default 1); noop_with_empty_axes. Cost: per-input-element FLOPs (1 add/compare; SumSquare and L2 2;
/// LogSumExp exp + add) plus the finishing op per output element (Mean: div, L2: sqrt, LogSum: log).
/// </summary>
internal sealed class ReduceRule : IOpRule
{
    private static bool AxesAsInput(OpContext ctx) => ctx.Node.OpType == "ReduceSum" ? ctx.Opset >= 13 : ctx.Opset >= 18;

    public void Infer(OpContext ctx)
    {
        var et = ctx.InputElementType(0);
        var s = ctx.InputShape(0);
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        long[]? axes;
        bool present;
        if (AxesAsInput(ctx)) { axes = ctx.HasInput(1) ? ctx.InputValues(1) : null; present = ctx.HasInput(1); }
        else { axes = ctx.Node.GetInts("axes")?.ToArray(); present = axes is not null; }
        if (s is null) { ctx.SetOutput(0, new TensorType(et, null)); return; }
        if (present && axes is null)
        {
            // axes unknown: the rank is known with keepdims, or without it from the number of axes
            int rank = keep ? s.Rank
                : ctx.InputShape(1) is { Rank: 1 } an && an[0].IsKnown && an[0].Value > 0 && an[0].Value <= s.Rank ? s.Rank - (int)an[0].Value
                : throw OpUtil.ValuesUnknown(ctx, 1, "axes");
            ctx.SetOutput(0, TensorType.Of(et, new Shape(Enumerable.Repeat(Dim.Unknown, rank))));
            return;
        }
        if (axes is null || axes.Length == 0)
        {
            if (ctx.Node.GetInt("noop_with_empty_axes", 0) != 0 && AxesAsInput(ctx)) { ctx.SetOutput(0, ctx.InputType(0)!); return; }
            axes = Enumerable.Range(0, s.Rank).Select(i => (long)i).ToArray();
        }
        var set = OpUtil.Axes(axes, s.Rank).ToHashSet();
        var dims = new List<Dim>();
        for (int i = 0; i < s.Rank; i++)
            if (!set.Contains(i)) dims.Add(s[i]);
            else if (keep) dims.Add(1);
        ctx.SetOutput(0, TensorType.Of(et, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx)
    {
        Count inE = ctx.InputElements(0), outE = ctx.OutputElements(0);
        var (perIn, perOut) = ctx.Node.OpType switch
        {
            "ReduceMean" => (1L, FlopTable.Div),
            "ReduceL2" => (2L, FlopTable.Div),
            "ReduceSumSquare" => (2L, 0L),
            "ReduceL1" => (2L, 0L),
            "ReduceLogSum" => (1L, FlopTable.Transcendental),
            "ReduceLogSumExp" => (1 + FlopTable.Transcendental, FlopTable.Transcendental), // add + exp per input, log per output
            _ => (1L, 0L),
        };
        return new OpCost { Flops = checked(inE * perIn + outE * perOut), Class = OpClass.Reduce };
    }
}

/// <summary>ArgMax/ArgMin: reduce one axis (keepdims, select_last_index); int64 output; one compare per input element.</summary>
internal sealed class ArgReduceRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        if (ctx.InputShape(0) is not { } s) { ctx.SetOutput(0, new TensorType(DataType.Int64, null)); return; }
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), s.Rank);
        bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
        var dims = new List<Dim>();
        for (int i = 0; i < s.Rank; i++)
            if (i != axis) dims.Add(s[i]);
            else if (keep) dims.Add(1);
        ctx.SetOutput(0, TensorType.Of(DataType.Int64, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => new() { Flops = ctx.InputElements(0), Class = OpClass.Reduce };
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Sequence ops: element types tracked (shapes merged when elements differ); no compute.</summary>
[Op("SequenceEmpty")][Op("SequenceConstruct")][Op("SequenceInsert")][Op("SequenceAt")][Op("SequenceErase")]
[Op("SequenceLength")][Op("SplitToSequence")][Op("ConcatFromSequence")]
internal sealed class SequenceRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        switch (ctx.Node.OpType)
        {
            case "SequenceEmpty":
                ctx.SetOutput(0, TensorType.SequenceOf(new TensorType(OpUtil.DType(ctx.Node.GetInt("dtype", 1)), null)));
                break;
            case "SequenceConstruct":
                TensorType? e = null;
                for (int i = 0; i < ctx.InputCount; i++) e = i == 0 ? ctx.InputType(0) : SubgraphUtil.Merge(e, ctx.InputType(i));
                ctx.SetOutput(0, TensorType.SequenceOf(e ?? TensorType.Unknown));
                break;
            case "SequenceInsert":
                var seq = ctx.InputType(0);
                var el = seq?.Element is { } se && se.ElementType != DataType.Undefined && se.Shape is not null ? SubgraphUtil.Merge(se, ctx.InputType(1)) : ctx.InputType(1);
                ctx.SetOutput(0, TensorType.SequenceOf(el ?? TensorType.Unknown));
                break;
            case "SequenceErase":
                ctx.SetOutput(0, ctx.InputType(0) ?? TensorType.Unknown);
                break;
            case "SequenceAt":
                ctx.SetOutput(0, ctx.InputType(0)?.Element ?? TensorType.Unknown);
                break;
            case "SequenceLength":
                ctx.SetOutput(0, TensorType.Of(DataType.Int64, Shape.Scalar));
                break;
            case "SplitToSequence":
                SplitToSequence(ctx);
                break;
            default: // ConcatFromSequence
                var et = ctx.InputType(0)?.Element;
                var s = et?.Shape;
                if (s is null) { ctx.SetOutput(0, new TensorType(et?.ElementType ?? DataType.Undefined, null)); break; }
                bool newAxis = ctx.Node.GetInt("new_axis", 0) != 0;
                long a = ctx.Node.GetInt("axis", 0);
                var dims = s.Dims.ToList();
                if (newAxis) dims.Insert((int)(a < 0 ? a + s.Rank + 1 : a), Dim.Unknown);
                else dims[ShapeMath.Axis(a, s.Rank)] = Dim.Unknown;
                ctx.SetOutput(0, TensorType.Of(et!.ElementType, new Shape(dims)));
                break;
        }
    }

    private static void SplitToSequence(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), s.Rank);
        var dims = s.Dims.ToList();
        if (!ctx.HasInput(1))
        {
            if (ctx.Node.GetInt("keepdims", 1) != 0) dims[axis] = 1; else dims.RemoveAt(axis);
        }
        else if (ctx.InputValues(1) is { } split)
        {
            if (ctx.InputShape(1) is { Rank: 0 }) dims[axis] = s[axis].IsKnown && s[axis].Value % split[0] != 0 ? Dim.Unknown : split[0];
            else dims[axis] = split.Distinct().Count() == 1 ? split[0] : Dim.Unknown;
        }
        else dims[axis] = Dim.Unknown;
        ctx.SetOutput(0, TensorType.SequenceOf(OpUtil.Like(ctx, 0, new Shape(dims))));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = ctx.Node.OpType == "SequenceLength" ? [0] : [] };
}

/// <summary>Optional, OptionalHasElement, OptionalGetElement.</summary>
[Op("Optional")][Op("OptionalHasElement")][Op("OptionalGetElement")]
internal sealed class OptionalRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0);
        switch (ctx.Node.OpType)
        {
            case "Optional":
                ctx.SetOutput(0, TensorType.OptionalOf(t ?? ctx.Node.Attr("type")?.TypeValue ?? TensorType.Unknown));
                break;
            case "OptionalHasElement":
                ctx.SetOutput(0, TensorType.Of(DataType.Bool, Shape.Scalar), ctx.HasInput(0) ? null : [0]);
                break;
            default:
                ctx.SetOutput(0, t is { Kind: ValueKind.Optional } ? t.Element ?? TensorType.Unknown : t ?? TensorType.Unknown);
                break;
        }
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Metadata) with { MetadataInputs = [0] };
}

/// <summary>SequenceMap: the body runs once per element; outputs are sequences of the body's outputs.</summary>
[Op("SequenceMap")]
internal sealed class SequenceMapRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var types = new List<TensorType?>();
        for (int i = 0; i < ctx.InputCount; i++)
        {
            var t = ctx.InputType(i);
            types.Add(t is { Kind: ValueKind.Sequence } ? t.Element : t);
        }
        var g = ctx.InferSubgraph("body", SubgraphUtil.Body(ctx, "body"), types);
        for (int i = 0; i < ctx.OutputCount; i++)
            ctx.SetOutput(i, TensorType.SequenceOf(SubgraphUtil.Out(g, i) ?? TensorType.Unknown));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.ControlFlow) with
    {
        Nested = [new Costs.NestedCost(ctx.Subgraphs["body"], 1)],
    };
}

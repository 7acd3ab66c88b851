using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Sequence ops: no compute. Element types are tracked, and each element's type while the graph determines the
/// sequence's length and order (<see cref="TensorType.Items"/>: SequenceEmpty, SequenceConstruct, SequenceInsert and
/// SequenceErase at known positions, SplitToSequence with a known count), so SequenceAt, SequenceLength and
/// ConcatFromSequence give exact shapes; otherwise element shapes are merged (differing dims unknown).
/// </summary>
internal sealed class SequenceRule : IOpRule
{
    private const int MaxItems = 4096; // longer sequences keep only their merged element type

    public void Infer(OpContext ctx)
    {
        var seq = ctx.InputType(0);
        var items = seq is { Kind: ValueKind.Sequence } ? seq.Items : null;
        switch (ctx.Node.OpType)
        {
            case "SequenceEmpty":
                ctx.SetOutput(0, TensorType.SequenceOf(new TensorType(OpUtil.DType(ctx.Node.GetInt("dtype", 1)), null)) with { Items = [] });
                break;
            case "SequenceConstruct":
                var all = Enumerable.Range(0, ctx.InputCount).Select(ctx.InputType).ToList();
                ctx.SetOutput(0, all.Any(t => t is null) ? Sequence(all.Aggregate((TensorType?)null, SubgraphUtil.Merge), null) : Sequence(null, all!));
                break;
            case "SequenceInsert":
                ctx.SetOutput(0, Insert(ctx, seq, items));
                break;
            case "SequenceErase":
                if (items is not null && Position(ctx, 1, items.Count, items.Count - 1, 0) is { } erase)
                    ctx.SetOutput(0, Sequence(null, items.Where((_, k) => k != erase).ToList(), seq?.Element));
                else ctx.SetOutput(0, (seq ?? TensorType.Unknown) with { Items = null });
                break;
            case "SequenceAt":
                ctx.SetOutput(0, items is not null && Position(ctx, 1, items.Count, null, 0) is { } at ? items[at] : seq?.Element ?? TensorType.Unknown);
                break;
            case "SequenceLength":
                ctx.SetOutput(0, TensorType.Of(DataType.Int64, Shape.Scalar), items is null ? null : [items.Count]);
                break;
            case "SplitToSequence":
                SplitToSequence(ctx);
                break;
            default:
                Concat(ctx, seq, items);
                break;
        }
    }

    // A sequence of exactly `items` (element = their merge), or of `element` with the length not known.
    private static TensorType Sequence(TensorType? element, IReadOnlyList<TensorType>? items, TensorType? fallback = null)
    {
        if (items is null) return TensorType.SequenceOf(element ?? TensorType.Unknown);
        var merged = items.Aggregate((TensorType?)null, SubgraphUtil.Merge) ?? fallback ?? TensorType.Unknown;
        return TensorType.SequenceOf(merged) with { Items = items };
    }

    // The position input `at` as an index in [0, count - 1 + extra]; `absent` when the input is left out; null when not known.
    private static int? Position(OpContext ctx, int at, int count, int? absent, int extra)
    {
        if (!ctx.HasInput(at)) return absent is >= 0 ? absent : null;
        if (ctx.InputValues(at) is not [var p]) return null;
        if (p < 0) p += count;
        return p >= 0 && p < count + extra ? (int)p : null;
    }

    private static TensorType Insert(OpContext ctx, TensorType? seq, IReadOnlyList<TensorType>? items)
    {
        var t = ctx.InputType(1);
        if (items is not null && t is not null && Position(ctx, 2, items.Count, items.Count, 1) is { } pos)
        {
            var list = items.ToList();
            list.Insert(pos, t);
            return Sequence(null, list);
        }
        var el = seq?.Element is { } se && se.ElementType != DataType.Undefined && se.Shape is not null ? SubgraphUtil.Merge(se, t) : t;
        return Sequence(el, null);
    }

    private static void SplitToSequence(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), s.Rank);
        var n = s[axis];
        Shape With(Dim d) { var dims = s.Dims.ToList(); dims[axis] = d; return new Shape(dims); }
        List<Dim>? parts = null; // each element's size along the axis, when the count is known
        Dim merged;
        if (!ctx.HasInput(1))
        {
            bool keep = ctx.Node.GetInt("keepdims", 1) != 0;
            var one = keep ? With(1) : new Shape(s.Dims.Where((_, k) => k != axis));
            var items = n.IsKnown && n.Value <= MaxItems ? Enumerable.Repeat(OpUtil.Like(ctx, 0, one), (int)n.Value).ToList() : null;
            ctx.SetOutput(0, Sequence(OpUtil.Like(ctx, 0, one), items));
            return;
        }
        if (ctx.InputValues(1) is { } split)
        {
            if (ctx.InputShape(1) is { Rank: 0 })
            {
                long c = split[0];
                if (n.IsKnown && c > 0)
                {
                    long count = (n.Value + c - 1) / c;
                    if (count <= MaxItems) parts = Enumerable.Range(0, (int)count).Select(k => (Dim)Math.Min(c, n.Value - k * c)).ToList();
                }
                merged = n.IsKnown && n.Value % c != 0 ? Dim.Unknown : c;
            }
            else
            {
                parts = split.Length <= MaxItems ? split.Select(v => (Dim)v).ToList() : null;
                merged = split.Distinct().Count() == 1 ? split[0] : Dim.Unknown;
            }
        }
        else merged = Dim.Unknown;
        ctx.SetOutput(0, Sequence(OpUtil.Like(ctx, 0, With(merged)), parts?.Select(d => OpUtil.Like(ctx, 0, With(d))).ToList()));
    }

    // ConcatFromSequence: with known items their dims along the axis add up (new_axis: the count is the new dim).
    private static void Concat(OpContext ctx, TensorType? seq, IReadOnlyList<TensorType>? items)
    {
        var et = seq?.Element;
        var s = et?.Shape;
        if (s is null) { ctx.SetOutput(0, new TensorType(et?.ElementType ?? DataType.Undefined, null)); return; }
        bool newAxis = ctx.Node.GetInt("new_axis", 0) != 0;
        long a = ctx.Node.GetInt("axis", 0);
        var dims = s.Dims.ToList();
        bool exact = items is { Count: > 0 } && items.All(t => t.Shape is { } x && x.Rank == s.Rank);
        if (newAxis) dims.Insert((int)(a < 0 ? a + s.Rank + 1 : a), exact ? items!.Count : Dim.Unknown);
        else
        {
            int ax = ShapeMath.Axis(a, s.Rank);
            dims[ax] = exact ? items!.Select(t => t.Shape![ax]).Aggregate((x, y) => x + y) : Dim.Unknown;
        }
        ctx.SetOutput(0, TensorType.Of(et!.ElementType, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = ctx.Node.OpType == "SequenceLength" ? [0] : [] };
}

/// <summary>Optional, OptionalHasElement, OptionalGetElement.</summary>
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

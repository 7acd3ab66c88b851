using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Normalisations that keep the input shape: LayerNormalization (with Mean/InvStdDev stash outputs of reduced shape),
/// InstanceNormalization, GroupNormalization, MeanVarianceNormalization, LpNormalization, LRN. FLOPs per element
/// and per normalised group are listed in docs/counting.md (mean 1, variance 3, normalise 1, scale 1, bias 1 per
/// element, and 3 per group for the two divides and the reciprocal square root).
/// </summary>
public sealed class Normalization : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var op = ctx.Node.OpType;
        if (op is "InstanceNormalization" or "GroupNormalization" or "LRN" && x.Rank < 2)
            throw OpContext.Fail($"input rank {x.Rank} < 2 (expected [N,C,…])");
        if (op == "GroupNormalization")
        {
            long groups = ctx.Node.GetInt("num_groups", 0);
            if (groups <= 0) throw OpContext.Fail("num_groups must be positive");
            if (x[1].IsKnown && x[1].Value % groups != 0) throw OpContext.Fail($"{x[1]} channels not divisible by num_groups {groups}");
        }
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), x));
        if (op == "LayerNormalization" && (ctx.HasOutput(1) || ctx.HasOutput(2)))
        {
            int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", -1), x.Rank);
            var reduced = new Shape(x.Dims.Select((d, i) => i < axis ? d : Dim.Of(1)));
            var stash = (DataType)ctx.Node.GetInt("stash_type", (long)DataType.Float);
            for (int i = 1; i <= 2; i++)
                if (ctx.HasOutput(i)) ctx.SetOutput(i, TensorType.Of(stash, reduced));
        }
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        Count elements = ctx.InputElements(0);
        Count n = x.Rank > 0 ? ctx.Eval(x[0]) : 1, c = x.Rank > 1 ? ctx.Eval(x[1]) : 1;
        long perElement, perGroup = 3;
        Count groups;
        switch (ctx.Node.OpType)
        {
            case "LayerNormalization":
                int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", -1), x.Rank);
                groups = Count.Product(x.Dims.Take(axis).Select(ctx.Eval));
                perElement = ctx.HasInput(2) ? 7 : 6;
                break;
            case "InstanceNormalization":
                groups = checked(n * c);
                perElement = 7;
                break;
            case "GroupNormalization":
                groups = checked(n * ctx.Node.GetInt("num_groups", 1));
                perElement = 7;
                break;
            case "MeanVarianceNormalization":
                var axes = ctx.Node.GetInts("axes") ?? [0, 2, 3];
                var set = axes.Select(a => ShapeMath.Axis(a, x.Rank)).ToHashSet();
                groups = Count.Product(x.Dims.Where((_, i) => !set.Contains(i)).Select(ctx.Eval));
                perElement = 5;
                break;
            case "LpNormalization":
                int lpAxis = ShapeMath.Axis(ctx.Node.GetInt("axis", -1), x.Rank);
                Count len = ctx.Eval(x[lpAxis]);
                groups = len.Value == 0 ? 0 : elements / len;
                perElement = 3;
                perGroup = 1;
                break;
            default: // LRN
                perElement = checked(2 * ctx.Node.GetInt("size", 1) + 3);
                groups = 0;
                break;
        }
        Count flops = checked(elements * perElement + groups * perGroup);
        var weights = ctx.Node.OpType is "LayerNormalization" or "InstanceNormalization" or "GroupNormalization" ? new[] { 1, 2 } : [];
        return new OpCost { Flops = flops, Class = OpClass.Normalization, WeightInputs = weights };
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Reshape: 0 copies the input dim (unless allowzero), -1 is inferred; the shape input may hold symbolic dims.</summary>
internal sealed class ReshapeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.InputElementType(0);
        Dim[]? target = ctx.Opset < 5 ? ctx.Node.GetInts("shape")?.Select(v => Dim.Of(v)).ToArray() : ctx.InputDimValues(1);
        if (target is null)
        {
            if (ctx.InputShape(1) is { Rank: 1 } ts && ts[0].IsKnown)
            {
                ctx.SetOutput(0, TensorType.Of(et, new Shape(Enumerable.Repeat(Dim.Unknown, (int)ts[0].Value))));
                return;
            }
            throw OpUtil.ValuesUnknown(ctx, 1, "shape");
        }
        var input = ctx.InputShape(0);
        bool allowZero = ctx.Node.GetInt("allowzero", 0) != 0;
        var dims = new Dim[target.Length];
        int inferAt = -1;
        for (int i = 0; i < target.Length; i++)
        {
            var d = target[i];
            if (d.IsKnown && d.Value == 0 && !allowZero)
                dims[i] = input is not null && i < input.Rank ? input[i] : throw OpContext.Fail($"shape[{i}] = 0 copies an input dim that does not exist");
            else if (d.IsKnown && d.Value == -1) { if (inferAt >= 0) throw OpContext.Fail("more than one -1 in shape"); inferAt = i; }
            else if (d.IsKnown && d.Value < -1) throw OpContext.Fail($"invalid shape value {d.Value}");
            else dims[i] = d;
        }
        if (inferAt >= 0)
        {
            Dim rest = 1;
            for (int i = 0; i < dims.Length; i++) if (i != inferAt) rest *= dims[i];
            dims[inferAt] = input is null ? Dim.Unknown : Infer(input.Elements(), rest);
        }
        ctx.SetOutputDims(0, TensorType.Of(et, new Shape(dims)), ctx.InputDimValues(0));
    }

    private static Dim Infer(Dim total, Dim rest)
    {
        if (rest.IsKnown && rest.Value == 0) return 0;
        var q = total / rest;
        if (q.IsUnknown && !total.IsUnknown && !rest.IsUnknown) q = Dim.FloorDiv(total, rest); // exact at run time in a valid model
        if (q.IsKnown && total.IsKnown && rest.IsKnown && total.Value % rest.Value != 0)
            throw OpContext.Fail($"cannot reshape {total} elements into a multiple of {rest}");
        return q;
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1] };
}

/// <summary>Flatten(axis): [prod(d[:axis]), prod(d[axis:])].</summary>
internal sealed class FlattenRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        long a = ctx.Node.GetInt("axis", 1);
        int axis = (int)(a < 0 ? a + s.Rank : a);
        if (axis < 0 || axis > s.Rank) throw OpContext.Fail($"axis {a} out of range for rank {s.Rank}");
        Dim outer = 1, inner = 1;
        for (int i = 0; i < s.Rank; i++) if (i < axis) outer *= s[i]; else inner *= s[i];
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape([outer, inner])), ctx.InputDimValues(0));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Transpose(perm; default reverses the dims).</summary>
internal sealed class TransposeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var perm = ctx.Node.GetInts("perm")?.Select(p => ShapeMath.Axis(p, s.Rank)).ToArray() ?? Enumerable.Range(0, s.Rank).Reverse().ToArray();
        if (perm.Length != s.Rank) throw OpContext.Fail($"perm has {perm.Length} entries for rank {s.Rank}");
        var v = ctx.InputDimValues(0);
        Dim[]? values = s.Rank <= 1 ? v : v is null ? null : ValueMath.Transpose(s, v, perm);
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape(perm.Select(p => s[p]))), values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Squeeze / Unsqueeze: axes attribute before opset 13, input from 13; values carried.</summary>
internal sealed class SqueezeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var axes = OpUtil.AttrOrInput(ctx, "axes", ctx.Opset >= 13 ? 1 : -1, out bool present);
        if (present && axes is null)
        {
            // Data-dependent axes: Unsqueeze still knows its rank (input rank + number of axes), not which dims are 1.
            if (ctx.Node.OpType == "Unsqueeze" && ctx.InputShape(1) is { Rank: <= 1 } ax && (ax.Rank == 0 || ax[0].IsKnown))
            {
                int k = ax.Rank == 0 ? 1 : (int)ax[0].Value;
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, s.Rank + k))));
                return;
            }
            // Squeeze of k data-dependent axes: rank - k; exact when the input has exactly k dims of 1 and no others can be 1
            if (ctx.Node.OpType == "Squeeze" && ctx.InputShape(1) is { Rank: 1 } sq && sq[0].IsKnown && sq[0].Value <= s.Rank)
            {
                int k = (int)sq[0].Value;
                bool exact = s.IsFullyKnown && s.Dims.Count(d => d.Value == 1) == k;
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(exact ? s.Dims.Where(d => d.Value != 1) : Enumerable.Repeat(Dim.Unknown, s.Rank - k))));
                return;
            }
            throw OpUtil.ValuesUnknown(ctx, 1, "axes");
        }
        List<Dim> dims;
        if (ctx.Node.OpType == "Squeeze")
        {
            if (axes is null)
            {
                if (s.Dims.Any(d => !d.IsKnown)) throw OpContext.Fail("Squeeze without axes on a shape with non-numeric dims");
                dims = s.Dims.Where(d => d.Value != 1).ToList();
            }
            else
            {
                var set = OpUtil.Axes(axes, s.Rank).ToHashSet();
                dims = s.Dims.Where((_, i) => !set.Contains(i)).ToList();
            }
        }
        else
        {
            if (axes is null) throw OpContext.Fail("Unsqueeze needs axes");
            int r = s.Rank + axes.Length;
            var set = OpUtil.Axes(axes, r).ToHashSet();
            if (set.Count != axes.Length) throw OpContext.Fail("repeated axes");
            dims = [];
            int k = 0;
            for (int i = 0; i < r; i++) dims.Add(set.Contains(i) ? 1 : s[k++]);
        }
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape(dims)), ctx.InputDimValues(0));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1] };
}

/// <summary>Expand: bidirectional broadcast of the input with the shape input; values broadcast too.</summary>
internal sealed class ExpandRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var target = ctx.InputDimValues(1);
        if (target is null)
        {
            if (ctx.InputShape(1) is { Rank: 1 } ts && ts[0].IsKnown)
            {
                int r = Math.Max(s.Rank, (int)ts[0].Value);
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, r))));
                return;
            }
            throw OpUtil.ValuesUnknown(ctx, 1, "shape");
        }
        var shape = ShapeMath.Broadcast(s, new Shape(target));
        var v = ctx.InputDimValues(0);
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, shape), v is null ? null : ValueMath.Broadcast(shape, [(s, v)], a => a[0]));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1] };
}

/// <summary>Tile: dims multiplied by repeats.</summary>
internal sealed class TileRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var reps = ctx.InputDimValues(1);
        if (reps is null) { ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, s.Rank)))); return; }
        if (reps.Length != s.Rank) throw OpContext.Fail($"repeats has {reps.Length} entries for rank {s.Rank}");
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(s.Dims.Select((d, i) => d * reps[i]))));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1] };
}

/// <summary>DepthToSpace / SpaceToDepth (blocksize b): NCHW ↔ N(C·b²)(H/b)(W/b).</summary>
internal sealed class DepthSpaceRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        if (s.Rank != 4) throw OpContext.Fail("input must be 4-D");
        long b = ctx.Node.GetInt("blocksize", 1);
        Shape o = ctx.Node.OpType == "DepthToSpace"
            ? new Shape([s[0], Dim.FloorDiv(s[1], b * b), s[2] * b, s[3] * b])
            : new Shape([s[0], s[1] * (b * b), Dim.FloorDiv(s[2], b), Dim.FloorDiv(s[3], b)]);
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, o));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

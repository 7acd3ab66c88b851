using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Concat(axis): sum along the axis; values of 1-D inputs are joined.</summary>
internal sealed class ConcatRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var shapes = new List<Shape>();
        for (int i = 0; i < ctx.InputCount; i++)
            if (ctx.HasInput(i)) shapes.Add(ctx.RequireShape(i));
        if (shapes.Count == 0) throw OpContext.Fail("no inputs");
        int rank = shapes[0].Rank;
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), rank);
        var dims = shapes[0].Dims.ToArray();
        for (int k = 1; k < shapes.Count; k++)
        {
            if (shapes[k].Rank != rank) throw OpContext.Fail($"inputs have ranks {rank} and {shapes[k].Rank}");
            dims[axis] += shapes[k][axis];
            for (int j = 0; j < rank; j++)
                if (j != axis && !dims[j].IsKnown && shapes[k][j].IsKnown) dims[j] = shapes[k][j];
        }
        Dim[]? values = null;
        if (rank == 1)
        {
            var all = new List<Dim>();
            for (int i = 0; i < ctx.InputCount && all is not null; i++)
            {
                if (!ctx.HasInput(i)) continue;
                if (ctx.InputDimValues(i) is { } v) all.AddRange(v); else all = null;
            }
            values = all?.ToArray();
        }
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape(dims)), values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Split: sizes from the split attribute (before opset 13) or input, else equal parts (num_outputs from 18).</summary>
internal sealed class SplitRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), s.Rank);
        var split = OpUtil.AttrOrInput(ctx, "split", ctx.Opset >= 13 ? 1 : -1, out bool present);
        int n = ctx.OutputCount;
        var v = ctx.InputDimValues(0);
        Dim[] sizes;
        if (split is not null) sizes = split.Select(x => Dim.Of(x)).ToArray();
        else if (present) sizes = Enumerable.Repeat(Dim.Unknown, n).ToArray();
        else
        {
            var total = s[axis];
            if (total.IsKnown)
            {
                long chunk = (total.Value + n - 1) / n;
                sizes = Enumerable.Range(0, n).Select(i => Dim.Of(Math.Max(0, Math.Min(chunk, total.Value - i * chunk)))).ToArray();
            }
            else
            {
                // equal parts of ceil(total/n), the last one what remains (ONNX Split, opset 18)
                var chunk = Dim.CeilDiv(total, n);
                sizes = Enumerable.Range(0, n).Select(i => (total / n) is { IsUnknown: false } exact ? exact : i < n - 1 ? chunk : total - chunk * (n - 1)).ToArray();
            }
        }
        long offset = 0;
        for (int i = 0; i < n && i < sizes.Length; i++)
        {
            var dims = s.Dims.ToArray();
            dims[axis] = sizes[i];
            Dim[]? values = null;
            if (s.Rank == 1 && v is not null && sizes[i].IsKnown && offset >= 0)
                values = v.Skip((int)offset).Take((int)sizes[i].Value).ToArray();
            offset = sizes[i].IsKnown && offset >= 0 ? offset + sizes[i].Value : -1;
            ctx.SetOutputDims(i, OpUtil.Like(ctx, 0, new Shape(dims)), values);
        }
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1] };
}

/// <summary>Slice: starts/ends/axes/steps as attributes before opset 10, inputs after; negative and clamped indices.</summary>
internal sealed class SliceRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        long[]? starts, ends, axes, steps;
        if (ctx.Opset < 10)
        {
            starts = ctx.Node.GetInts("starts")?.ToArray();
            ends = ctx.Node.GetInts("ends")?.ToArray();
            axes = ctx.Node.GetInts("axes")?.ToArray();
            steps = null;
        }
        else
        {
            starts = ctx.InputValues(1);
            ends = ctx.InputValues(2);
            axes = ctx.HasInput(3) ? ctx.InputValues(3) : null;
            steps = ctx.HasInput(4) ? ctx.InputValues(4) : null;
            if (ctx.HasInput(3) && axes is null || ctx.HasInput(4) && steps is null)
            {
                // Data-dependent axes or steps: the rank is kept, every dim may change.
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, s.Rank))));
                return;
            }
        }
        var dims = s.Dims.ToArray();
        Dim[]? startDims = starts?.Select(x => Dim.Of(x)).ToArray() ?? (ctx.Opset >= 10 ? ctx.InputDimValues(1) : null);
        Dim[]? endDims = ends?.Select(x => Dim.Of(x)).ToArray() ?? (ctx.Opset >= 10 ? ctx.InputDimValues(2) : null);
        if ((starts is null || ends is null) && startDims is not null && endDims is not null && startDims.Length == endDims.Length)
        {
            // symbolic starts or ends (Shape → arithmetic → Slice): per axis, exact where the bounds are
            var sa = axes ?? Enumerable.Range(0, startDims.Length).Select(i => (long)i).ToArray();
            for (int k = 0; k < sa.Length; k++)
            {
                int axis = ShapeMath.Axis(sa[k], s.Rank);
                dims[axis] = SymbolicCount(s[axis], startDims[k], endDims[k], steps is null ? 1 : steps[k]);
            }
            ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
            return;
        }
        if (starts is null || ends is null)
        {
            var axs = axes ?? (ctx.InputShape(1) is { Rank: 1 } st && st[0].IsKnown ? Enumerable.Range(0, (int)st[0].Value).Select(i => (long)i).ToArray() : null);
            if (axs is null) dims = Enumerable.Repeat(Dim.Unknown, s.Rank).ToArray(); // which axes are sliced is not known: the rank is kept
            else foreach (var a in axs) dims[ShapeMath.Axis(a, s.Rank)] = Dim.Unknown;
            ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
            return;
        }
        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        var v = ctx.InputDimValues(0);
        Dim[]? values = null;
        var picks = s.Dims.Select(d => d.IsKnown && d.Value <= OpUtil.MaxComputedValues ? Enumerable.Range(0, (int)d.Value).Select(i => (long)i).ToArray() : null).ToArray();
        for (int k = 0; k < axes.Length; k++)
        {
            int axis = ShapeMath.Axis(axes[k], s.Rank);
            long step = steps is null ? 1 : steps[k];
            if (step == 0) throw OpContext.Fail("step 0");
            var d = s[axis];
            if (!d.IsKnown)
            {
                dims[axis] = SymbolicCount(d, starts[k], ends[k], step);
                continue;
            }
            var (b, n) = Range(starts[k], ends[k], step, d.Value);
            dims[axis] = n;
            if (n <= OpUtil.MaxComputedValues) picks[axis] = Enumerable.Range(0, (int)n).Select(i => b + i * step).ToArray();
        }
        if (v is not null && picks.All(p => p is not null)) values = ValueMath.Select(s, v, picks!);
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape(dims)), values);
    }

    /// <summary>
    /// Element count of a slice of a symbolic dim (or with symbolic bounds): negative bounds count from the end, bounds
    /// past the ends are clamped where that is decidable and otherwise taken to be inside the dim, as ONNX Runtime's
    /// symbolic shape inference does; "to the end" (|bound| ≥ 2^31−1) is the dim itself.
    /// </summary>
    internal static Dim SymbolicCount(Dim d, Dim start, Dim end, long step)
    {
        if (step == 0) throw OpContext.Fail("step 0");
        if (d.IsUnknown || start.IsUnknown || end.IsUnknown) return Dim.Unknown;
        Dim Norm(Dim x, Dim lo, Dim hi, bool isEnd)
        {
            if (x.IsKnown && x.Value >= int.MaxValue) return hi;
            if (x.IsKnown && x.Value <= -int.MaxValue) return lo;
            if (x.IsKnown && x.Value < 0) x = d + x;
            else if (!x.IsKnown && !(x.LowerBound >= 0)) return Dim.Unknown;
            if ((lo - x).LowerBound > 0) return lo;
            if ((x - hi).LowerBound > 0) return hi;
            return x;
        }
        if (step > 0)
        {
            var b = Norm(start, 0, d, false);
            var e = Norm(end, 0, d, true);
            return Dim.Max(Dim.CeilDiv(e - b, step), 0);
        }
        var bs = Norm(start, 0, d - 1, false);
        var es = Norm(end, -1, d - 1, true);
        return Dim.Max(Dim.CeilDiv(bs - es, -step), 0);
    }

    /// <summary>First index and element count of a slice over a dim of size <paramref name="dim"/>.</summary>
    internal static (long Begin, long Count) Range(long start, long end, long step, long dim)
    {
        if (start < 0) start += dim;
        if (end < 0) end += dim;
        if (step > 0)
        {
            start = Math.Clamp(start, 0, dim);
            end = Math.Clamp(end, 0, dim);
            return (start, end > start ? (end - start + step - 1) / step : 0);
        }
        start = Math.Clamp(start, 0, dim - 1);
        end = Math.Clamp(end, -1, dim - 1);
        return (start, start > end ? (start - end - step - 1) / -step : 0);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1, 2, 3, 4] };
}

/// <summary>Gather(axis): data.shape[:axis] + indices.shape + data.shape[axis+1:]; values for 1-D data.</summary>
internal sealed class GatherRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var d = ctx.RequireShape(0);
        var ix = ctx.RequireShape(1);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), d.Rank);
        var dims = d.Dims.Take(axis).Concat(ix.Dims).Concat(d.Dims.Skip(axis + 1)).ToArray();
        Dim[]? values = null;
        if (d.Rank == 1 && ctx.InputDimValues(0) is { } dv && ctx.InputValues(1) is { } iv)
        {
            values = new Dim[iv.Length];
            for (int i = 0; i < iv.Length; i++)
            {
                long k = iv[i] < 0 ? iv[i] + dv.Length : iv[i];
                if (k < 0 || k >= dv.Length) throw OpContext.Fail($"index {iv[i]} out of range for {dv.Length} elements");
                values[i] = dv[k];
            }
        }
        ctx.SetOutputDims(0, OpUtil.Like(ctx, 0, new Shape(dims)), values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>GatherElements: output has the indices' shape.</summary>
internal sealed class GatherElementsRule : IOpRule
{
    public void Infer(OpContext ctx) => ctx.SetOutput(0, OpUtil.Like(ctx, 0, ctx.RequireShape(1)));

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>GatherND(batch_dims b): indices.shape[:-1] + data.shape[b + indices.shape[-1]:].</summary>
internal sealed class GatherNDRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var d = ctx.RequireShape(0);
        var ix = ctx.RequireShape(1);
        int b = (int)ctx.Node.GetInt("batch_dims", 0);
        var last = ix[ix.Rank - 1];
        if (!last.IsKnown) throw OpContext.Fail("last dim of indices is not known");
        var dims = ix.Dims.Take(ix.Rank - 1).Concat(d.Dims.Skip(b + (int)last.Value));
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>ScatterND / ScatterElements / Scatter / TensorScatter: output has the data's shape; one op per update.</summary>
internal sealed class ScatterRule : IOpRule
{
    public void Infer(OpContext ctx) => OpUtil.SameAsInput(ctx);

    public OpCost Cost(OpContext ctx)
    {
        var red = ctx.Node.GetString("reduction", "none");
        return OpCost.PerElement(red == "none" ? 0 : ctx.InputElements(2), 1, OpClass.DataMovement);
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Pad: pads attribute before opset 11, input from 11 (axes input from 18): d + begin + end.</summary>
internal sealed class PadRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        Dim[]? pads = ctx.Opset < 11 ? (ctx.Node.GetInts("pads") ?? ctx.Node.GetInts("paddings"))?.Select(v => Dim.Of(v)).ToArray() : ctx.InputDimValues(1);
        if (pads is null) { ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, s.Rank)))); return; }
        if (ctx.Opset >= 18 && ctx.HasInput(3) && ctx.InputValues(3) is null)
        {
            ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(Enumerable.Repeat(Dim.Unknown, s.Rank)))); // padded axes data-dependent
            return;
        }
        int[] axes = ctx.Opset >= 18 && ctx.HasInput(3)
            ? ctx.InputValues(3)!.Select(a => ShapeMath.Axis(a, s.Rank)).ToArray()
            : Enumerable.Range(0, s.Rank).ToArray();
        if (pads.Length != 2 * axes.Length) throw OpContext.Fail($"pads has {pads.Length} entries for {axes.Length} axes");
        var dims = s.Dims.ToArray();
        for (int k = 0; k < axes.Length; k++) dims[axes[k]] = dims[axes[k]] + pads[k] + pads[k + axes.Length];
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = [1, 3] };
}

/// <summary>
/// Resize (opset 10: X, scales; 11+: X, roi, scales, sizes; 18+: axes, keep_aspect_ratio_policy) and Upsample
/// (scales attribute before 9, input after): sizes when given, else floor(d · scale).
/// </summary>
internal sealed class ResizeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        bool old = ctx.Node.OpType == "Upsample" || ctx.Opset < 11;
        int scalesAt = old ? 1 : 2;
        var scales = ctx.Node.GetFloats("scales")?.Select(f => (double)f).ToArray()
            ?? (ctx.HasInput(scalesAt) ? ctx.InputFloatValues(scalesAt) : null);
        var sizes = !old && ctx.HasInput(3) ? ctx.InputDimValues(3) : null;
        if (scales is { Length: 0 }) scales = null;
        int[] axes = ctx.Node.GetInts("axes")?.Select(a => ShapeMath.Axis(a, s.Rank)).ToArray() ?? Enumerable.Range(0, s.Rank).ToArray();
        var dims = s.Dims.ToArray();
        if (sizes is { Length: > 0 })
        {
            var policy = ctx.Node.GetString("keep_aspect_ratio_policy", "stretch");
            if (policy != "stretch" && axes.All(a => dims[a].IsKnown) && sizes.All(d => d.IsKnown))
            {
                var ratios = axes.Select((a, k) => (double)sizes[k].Value / dims[a].Value);
                double r = policy == "not_larger" ? ratios.Min() : ratios.Max();
                foreach (var a in axes) dims[a] = (long)Math.Round(r * dims[a].Value, MidpointRounding.ToEven);
            }
            else for (int k = 0; k < axes.Length; k++) dims[axes[k]] = sizes[k];
        }
        else if (scales is not null)
        {
            if (scales.Length != axes.Length) throw OpContext.Fail($"scales has {scales.Length} entries for rank {s.Rank}");
            for (int k = 0; k < axes.Length; k++)
            {
                var d = dims[axes[k]];
                double f = scales[k];
                dims[axes[k]] = d.IsKnown ? (long)Math.Floor(d.Value * f + 1e-9) : ScaleSymbolic(d, f);
            }
        }
        else for (int k = 0; k < axes.Length; k++) dims[axes[k]] = Dim.Unknown;
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    /// <summary>
    /// <c>floor(d·f)</c> for a symbolic <paramref name="d"/> and a scale that is a fraction p/q with q ≤ 1024
    /// (0.5, 2, 1.5, 1/3 as stored in float): <c>floor(d·p/q)</c>; unknown for other scales.
    /// </summary>
    internal static Dim ScaleSymbolic(Dim d, double f)
    {
        if (!(f > 0) || double.IsInfinity(f)) return Dim.Unknown;
        for (long q = 1; q <= 1024; q++)
        {
            double p = f * q;
            if (Math.Abs(p - Math.Round(p)) <= 1e-6 * Math.Max(1, p)) return Dim.FloorDiv(d * (long)Math.Round(p), q);
        }
        return Dim.Unknown;
    }

    public OpCost Cost(OpContext ctx)
    {
        // nearest: a copy; linear: 4 flops per output element per interpolated axis pair; cubic 16
        var mode = ctx.Node.GetString("mode", "nearest");
        long per = mode switch { "linear" or "bilinear" => 4, "cubic" => 16, _ => 0 };
        return OpCost.PerElement(ctx.OutputElements(0), per, OpClass.DataMovement) with { MetadataInputs = [1, 2, 3] };
    }
}

/// <summary>Ops whose output 0 has input 0's type and shape: Trilu, CumSum, CumProd, Bernoulli, *Like, ReverseSequence, …</summary>
internal sealed class SameShapeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0) ?? TensorType.Unknown;
        if (ctx.Node.Attr("dtype") is { } dt) t = t with { ElementType = OpUtil.DType(dt.I) };
        ctx.SetOutput(0, t);
    }

    public OpCost Cost(OpContext ctx) => ctx.Node.OpType is "CumSum" or "CumProd"
        ? OpCost.PerElement(ctx.OutputElements(0), 1)
        : OpCost.Zero() with { MetadataInputs = ctx.Node.OpType is "RandomUniformLike" or "RandomNormalLike" or "EyeLike" ? [0] : [] };
}

/// <summary>RandomUniform / RandomNormal: shape and dtype from attributes.</summary>
internal sealed class RandomRule : IOpRule
{
    public void Infer(OpContext ctx) =>
        ctx.SetOutput(0, TensorType.Of(OpUtil.DType(ctx.Node.GetInt("dtype", 1)), Shape.Of([.. ctx.Node.GetInts("shape") ?? []])));

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Other);
}

/// <summary>TopK(k input; attribute before opset 10): values and int64 indices with k along the axis.</summary>
internal sealed class TopKRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", -1), s.Rank);
        Dim k = ctx.Opset < 10 ? ctx.Node.GetInt("k", 1) : OpUtil.ScalarDim(ctx.InputDimValues(1));
        if (k.IsUnknown) k = ctx.DataDependentDim(0, axis); // a runtime k
        var dims = s.Dims.ToArray();
        dims[axis] = k;
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
        ctx.SetOutput(1, TensorType.Of(DataType.Int64, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => new() { Flops = ctx.InputElements(0), Class = OpClass.Reduce, MetadataInputs = [1] };
}

/// <summary>OneHot(indices, depth, values): depth inserted at axis.</summary>
internal sealed class OneHotRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var depth = ctx.InputFloatValues(1) is [var d] ? Dim.Of((long)d) : Dim.Unknown;
        long a = ctx.Node.GetInt("axis", -1);
        int axis = (int)(a < 0 ? a + s.Rank + 1 : a);
        var dims = s.Dims.ToList();
        dims.Insert(axis, depth);
        ctx.SetOutput(0, OpUtil.Like(ctx, 2, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Data-dependent output sizes: NonZero, Compress, NonMaxSuppression, Unique: the size is a fresh unknown dim.</summary>
internal sealed class DataDependentRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        var n = Dim.Unknown;
        switch (ctx.Node.OpType)
        {
            case "NonZero":
                n = ctx.InputValues(0) is { } nz ? nz.Count(v => v != 0) : ctx.DataDependentDim(0, 1);
                ctx.SetOutput(0, TensorType.Of(DataType.Int64, new Shape([s is null ? Dim.Unknown : s.Rank, n])));
                break;
            case "NonMaxSuppression":
                ctx.SetOutput(0, TensorType.Of(DataType.Int64, new Shape([ctx.DataDependentDim(0, 0), 3])));
                break;
            case "Compress":
                if (s is null) throw OpContext.Fail("input shape unknown");
                if (ctx.Node.Attr("axis") is { } ax)
                {
                    var dims = s.Dims.ToArray();
                    int axis = ShapeMath.Axis(ax.I, s.Rank);
                    dims[axis] = CountTrue(ctx, axis);
                    ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
                }
                else ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([CountTrue(ctx, 0)])));
                break;
            default: // Unique
                if (s is null) throw OpContext.Fail("input shape unknown");
                n = DistinctCount(ctx, s);
                if (n.IsUnknown) n = ctx.DataDependentDim(0, ctx.Node.Attr("axis") is { } ux ? ShapeMath.Axis(ux.I, s.Rank) : 0);
                var yd = ctx.Node.Attr("axis") is { } ua ? s.Dims.Select((d, i) => i == ShapeMath.Axis(ua.I, s.Rank) ? n : d) : [n];
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(yd)));
                for (int i = 1; i < 4; i++)
                    if (ctx.HasOutput(i)) ctx.SetOutput(i, TensorType.Of(DataType.Int64, new Shape([i == 2 ? (ctx.Node.Attr("axis") is { } a2 ? s[ShapeMath.Axis(a2.I, s.Rank)] : s.Elements()) : n])));
                break;
        }
    }

    /// <summary>Number of distinct values (or distinct slices along axis) when the input values are known.</summary>
    private static Dim DistinctCount(OpContext ctx, Shape s)
    {
        if (ctx.InputValues(0) is not { } v || OpUtil.KnownElements(s) is not { } total || total != v.Length) return Dim.Unknown;
        if (ctx.Node.Attr("axis") is not { } ax) return v.Distinct().Count();
        int a = ShapeMath.Axis(ax.I, s.Rank);
        var dims = s.Dims.Select(d => d.Value).ToArray();
        long outer = dims.Take(a).Aggregate(1L, (x, y) => x * y), inner = dims.Skip(a + 1).Aggregate(1L, (x, y) => x * y);
        var slices = new HashSet<string>(StringComparer.Ordinal);
        for (long j = 0; j < dims[a]; j++)
        {
            var parts = new List<long>();
            for (long o = 0; o < outer; o++)
                for (long i = 0; i < inner; i++) parts.Add(v[(o * dims[a] + j) * inner + i]);
            slices.Add(string.Join(",", parts));
        }
        return slices.Count;
    }

    private static Dim CountTrue(OpContext ctx, int axis) => ctx.InputValues(1) is { } c ? c.Count(v => v != 0) : ctx.DataDependentDim(0, axis);

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.InputElements(0), 1, OpClass.DataMovement);
}

/// <summary>BitCast(to): same shape with the last dim scaled by the element size ratio.</summary>
internal sealed class BitCastRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        var to = OpUtil.DType(ctx.Node.GetInt("to", 0));
        int from = DataTypes.Bits(ctx.InputElementType(0)), bits = DataTypes.Bits(to);
        var dims = s.Dims.ToList();
        if (bits < from) dims.Add(from / bits);
        else if (bits > from)
        {
            if (dims.Count == 0 || !(dims[^1].IsKnown && dims[^1].Value == bits / from)) throw OpContext.Fail("last dim must equal the size ratio");
            dims.RemoveAt(dims.Count - 1);
        }
        ctx.SetOutput(0, TensorType.Of(to, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Einsum: output labels from the explicit "->" part (or the implicit sorted singletons); MACs = product of all label sizes.</summary>
internal sealed class EinsumRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var eq = ctx.Node.GetString("equation", "").Replace(" ", "", StringComparison.Ordinal);
        var parts = eq.Split("->");
        var terms = parts[0].Split(',');
        var sizes = new Dictionary<char, Dim>();
        Dim[] ell = [];
        for (int i = 0; i < terms.Length; i++)
        {
            var s = ctx.RequireShape(i);
            var t = terms[i];
            int dots = t.IndexOf("...", StringComparison.Ordinal);
            int ellRank = dots >= 0 ? s.Rank - (t.Length - 3) : 0;
            int k = 0;
            for (int c = 0; c < t.Length; c++)
            {
                if (c == dots) { var e = s.Dims.Skip(k).Take(ellRank).ToArray(); if (e.Length >= ell.Length) ell = ShapeMath.Broadcast(new Shape(ell), new Shape(e)).Dims.ToArray(); k += ellRank; c += 2; continue; }
                var d = s[k++];
                if (!sizes.TryGetValue(t[c], out var old) || old.IsKnown && old.Value == 1) sizes[t[c]] = d;
            }
        }
        string outLabels = parts.Length > 1 ? parts[1]
            : (terms.Any(t => t.Contains("...", StringComparison.Ordinal)) ? "..." : "") + new string(sizes.Keys.Where(c => parts[0].Count(x => x == c) == 1).Order().ToArray());
        var dims = new List<Dim>();
        for (int c = 0; c < outLabels.Length; c++)
        {
            if (outLabels[c] == '.') { dims.AddRange(ell); c += 2; continue; }
            dims.Add(sizes[outLabels[c]]);
        }
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx)
    {
        // every label (and the broadcast ellipsis) enumerated once per multiply: product of all sizes
        // reduced labels: their sizes multiply the output elements
        Count macs = ctx.InputCount > 1 ? checked(ctx.OutputElements(0) * ReducedProduct(ctx)) : 0;
        return new OpCost { Macs = macs, Flops = checked(2 * macs), Class = OpClass.Gemm };
    }

    private static Count ReducedProduct(OpContext ctx)
    {
        var eq = ctx.Node.GetString("equation", "").Replace(" ", "", StringComparison.Ordinal);
        var parts = eq.Split("->");
        if (parts.Length < 2) return 1;
        var terms = parts[0].Split(',');
        var seen = new HashSet<char>();
        Count p = 1;
        for (int i = 0; i < terms.Length; i++)
        {
            var t = terms[i].Replace("...", "", StringComparison.Ordinal);
            var s = ctx.InputShape(i);
            if (s is null) continue;
            int off = s.Rank - t.Length;
            for (int c = 0; c < t.Length; c++)
                if (!parts[1].Contains(t[c]) && seen.Add(t[c])) p = checked(p * ctx.Eval(s[off + c]));
        }
        return p;
    }
}

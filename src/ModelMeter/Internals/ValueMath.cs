using ModelMeter.Graphs;

namespace ModelMeter.Internals;

/// <summary>
/// Elementwise computation on small integer tensors whose values are known (possibly symbolic dims), with numpy
/// broadcasting; used to propagate the Shape → Gather → Mul → Concat → Reshape chains exporters emit.
/// </summary>
internal static class ValueMath
{
    /// <summary>
    /// Computes <paramref name="f"/> over the broadcast of the inputs; null when the output shape is not fully known,
    /// too large, or some input's values are missing or inconsistent with its shape.
    /// </summary>
    public static Dim[]? Broadcast(Shape? outShape, IReadOnlyList<(Shape? Shape, Dim[]? Values)> inputs, Func<Dim[], Dim> f)
    {
        if (outShape is null || OpUtil.KnownElements(outShape) is not { } n || n > OpUtil.MaxComputedValues) return null;
        var outDims = outShape.Dims.Select(d => d.Value).ToArray();
        int rank = outDims.Length;
        var maps = new List<(Dim[] Values, long[] Strides)>();
        foreach (var (shape, values) in inputs)
        {
            if (shape is null || values is null || OpUtil.KnownElements(shape) is not { } m || m != values.Length) return null;
            var dims = shape.Dims.Select(d => d.Value).ToArray();
            var own = OpUtil.Strides(dims);
            var strides = new long[rank];
            for (int k = 0; k < dims.Length; k++)
            {
                int o = k + rank - dims.Length;
                strides[o] = dims[k] == 1 ? 0 : own[k];
            }
            maps.Add((values, strides));
        }
        var result = new Dim[n];
        var idx = new long[rank];
        var args = new Dim[maps.Count];
        for (long i = 0; i < n; i++)
        {
            for (int j = 0; j < maps.Count; j++)
            {
                long off = 0;
                for (int k = 0; k < rank; k++) off += idx[k] * maps[j].Strides[k];
                args[j] = maps[j].Values[off];
            }
            result[i] = f(args);
            for (int k = rank - 1; k >= 0; k--)
            {
                if (++idx[k] < outDims[k]) break;
                idx[k] = 0;
            }
        }
        return result;
    }

    /// <summary>Applies a function of known numbers; unknown when any argument is not a number.</summary>
    public static Dim Known(Dim[] a, Func<long[], long?> f)
    {
        var v = new long[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].IsKnown) return Dim.Unknown;
            v[i] = a[i].Value;
        }
        return f(v) is { } r ? Dim.Of(r) : Dim.Unknown;
    }

    /// <summary>
    /// Integer division truncating toward zero (ONNX integer Div): a floor division where both operands are sizes
    /// (never negative); exact symbolic division otherwise (float Div).
    /// </summary>
    public static Dim Div(Dim a, Dim b, bool integer)
    {
        if (a.IsKnown && b.IsKnown)
        {
            if (b.Value == 0) return Dim.Unknown;
            if (integer) return Dim.Of(a.Value / b.Value);
            return a.Value % b.Value == 0 ? Dim.Of(a.Value / b.Value) : Dim.Unknown;
        }
        var exact = a / b;
        if (!exact.IsUnknown || !integer) return exact;
        return a.LowerBound >= 0 && b.LowerBound >= 1 ? Dim.FloorDiv(a, b) : Dim.Unknown;
    }

    /// <summary>Integer Mod: floored (sign of the divisor) unless <paramref name="fmod"/> (sign of the dividend); symbolic for sizes.</summary>
    public static Dim Mod(Dim a, Dim b, bool fmod)
    {
        if (a.IsKnown && b.IsKnown)
        {
            if (b.Value == 0) return Dim.Unknown;
            return fmod ? a.Value % b.Value : Dim.Mod(a, b);
        }
        if (fmod && !(a.LowerBound >= 0 && b.LowerBound >= 1)) return Dim.Unknown;
        return Dim.Mod(a, b);
    }

    /// <summary>
    /// Comparison result as 0/1; symbolic dims compare equal when identical, and are ordered against numbers and
    /// each other when their difference has a sign for every non-negative value of the symbols
    /// (<c>batch == -1</c> is false: the pattern exporters emit before Expand).
    /// </summary>
    public static Dim Compare(Dim a, Dim b, string op)
    {
        if (op == "Equal" && !a.IsUnknown && a == b) return Dim.Of(1);
        if (a.IsUnknown || b.IsUnknown) return Dim.Unknown;
        if (!a.IsKnown || !b.IsKnown)
        {
            long? ab, ba;
            try { ab = (a - b).LowerBound; ba = (b - a).LowerBound; }
            catch (OverflowException) { return Dim.Unknown; }
            bool? r = op switch
            {
                "Equal" => ab > 0 || ba > 0 ? false : null,
                "Less" => ba > 0 ? true : ab >= 0 ? false : null,
                "Greater" => ab > 0 ? true : ba >= 0 ? false : null,
                "LessOrEqual" => ba >= 0 ? true : ab > 0 ? false : null,
                "GreaterOrEqual" => ab >= 0 ? true : ba > 0 ? false : null,
                _ => throw new ArgumentException(op, nameof(op)),
            };
            return r is { } known ? Dim.Of(known ? 1 : 0) : Dim.Unknown;
        }
        long x = a.Value, y = b.Value;
        bool res = op switch
        {
            "Equal" => x == y,
            "Less" => x < y,
            "Greater" => x > y,
            "LessOrEqual" => x <= y,
            "GreaterOrEqual" => x >= y,
            _ => throw new ArgumentException(op, nameof(op)),
        };
        return Dim.Of(res ? 1 : 0);
    }

    /// <summary>Max/Min: a number, the one side that is provably larger (smaller), or a <c>max(a,b)</c> expression.</summary>
    public static Dim MaxMin(Dim a, Dim b, bool max) => max ? Dim.Max(a, b) : Dim.Min(a, b);

    /// <summary>
    /// Values of a sub-tensor: <paramref name="indices"/>[axis] lists the source index along each axis (Slice with any
    /// steps); null when the source shape is not fully known or the values do not match it.
    /// </summary>
    public static Dim[]? Select(Shape source, Dim[] values, long[][] indices)
    {
        if (OpUtil.KnownElements(source) is not { } n || n != values.Length || indices.Length != source.Rank) return null;
        var strides = OpUtil.Strides(source.Dims.Select(d => d.Value).ToArray());
        long count = 1;
        foreach (var ix in indices) count *= ix.Length;
        if (count > OpUtil.MaxComputedValues) return null;
        var result = new Dim[count];
        var pos = new int[indices.Length];
        for (long i = 0; i < count; i++)
        {
            long off = 0;
            for (int k = 0; k < indices.Length; k++) off += indices[k][pos[k]] * strides[k];
            result[i] = values[off];
            for (int k = indices.Length - 1; k >= 0; k--)
            {
                if (++pos[k] < indices[k].Length) break;
                pos[k] = 0;
            }
        }
        return result;
    }

    /// <summary>Values of a transposed tensor (output axis i is input axis perm[i]); null when the shape is not fully known.</summary>
    public static Dim[]? Transpose(Shape source, Dim[] values, int[] perm)
    {
        if (OpUtil.KnownElements(source) is not { } n || n != values.Length || n > OpUtil.MaxComputedValues) return null;
        var inStrides = OpUtil.Strides(source.Dims.Select(d => d.Value).ToArray());
        var outDims = perm.Select(p => source[p].Value).ToArray();
        var result = new Dim[n];
        var pos = new long[perm.Length];
        for (long i = 0; i < n; i++)
        {
            long off = 0;
            for (int k = 0; k < perm.Length; k++) off += pos[k] * inStrides[perm[k]];
            result[i] = values[off];
            for (int k = perm.Length - 1; k >= 0; k--)
            {
                if (++pos[k] < outDims[k]) break;
                pos[k] = 0;
            }
        }
        return result;
    }
}

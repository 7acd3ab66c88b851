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

    /// <summary>Integer division truncating toward zero (ONNX integer Div); exact symbolic division otherwise.</summary>
    public static Dim Div(Dim a, Dim b, bool integer)
    {
        if (a.IsKnown && b.IsKnown)
        {
            if (b.Value == 0) return Dim.Unknown;
            if (integer) return Dim.Of(a.Value / b.Value);
            return a.Value % b.Value == 0 ? Dim.Of(a.Value / b.Value) : Dim.Unknown;
        }
        return a / b;
    }

    /// <summary>Comparison result as 0/1; symbolic dims compare equal only when identical.</summary>
    public static Dim Compare(Dim a, Dim b, string op)
    {
        if (op == "Equal" && !a.IsUnknown && a == b) return Dim.Of(1);
        if (!a.IsKnown || !b.IsKnown) return Dim.Unknown;
        long x = a.Value, y = b.Value;
        bool r = op switch
        {
            "Equal" => x == y,
            "Less" => x < y,
            "Greater" => x > y,
            "LessOrEqual" => x <= y,
            "GreaterOrEqual" => x >= y,
            _ => throw new ArgumentException(op, nameof(op)),
        };
        return Dim.Of(r ? 1 : 0);
    }

    /// <summary>Max/Min where symbolic dims are equal or one side is known and the other symbolic dim is at least 1.</summary>
    public static Dim MaxMin(Dim a, Dim b, bool max)
    {
        if (a.IsKnown && b.IsKnown) return Dim.Of(max ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value));
        if (!a.IsUnknown && a == b) return a;
        return Dim.Unknown;
    }
}

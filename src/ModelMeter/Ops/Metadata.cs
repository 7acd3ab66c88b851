using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Shape(start, end): int64 vector of the input's dims; values propagate (symbolic dims stay symbolic).</summary>
internal sealed class ShapeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        if (ctx.InputShape(0) is not { } s) { ctx.SetOutput(0, TensorType.Of(DataType.Int64, new Shape([Dim.Unknown]))); return; }
        int r = s.Rank;
        long Clamp(long v) => Math.Clamp(v < 0 ? v + r : v, 0, r);
        int start = (int)Clamp(ctx.Node.GetInt("start", 0));
        int end = (int)Clamp(ctx.Node.GetInt("end", r));
        var dims = s.Dims.Skip(start).Take(Math.Max(0, end - start)).ToArray();
        ctx.SetOutputDims(0, TensorType.Of(DataType.Int64, dims.Length), dims);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Metadata) with { MetadataInputs = [0] };
}

/// <summary>Size: int64 scalar element count (value known when the shape is).</summary>
internal sealed class SizeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var s = ctx.InputShape(0);
        ctx.SetOutputDims(0, TensorType.Of(DataType.Int64, Shape.Scalar), s is null ? null : [s.Elements()]);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Metadata) with { MetadataInputs = [0] };
}

/// <summary>Constant: value (tensor), value_float(s), value_int(s), value_string(s), sparse_value.</summary>
internal sealed class ConstantRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var n = ctx.Node;
        if (n.Attr("value") is { T: { } t }) { ctx.SetConstantOutput(0, t); return; }
        if (n.Attr("value_float") is { } f) { ctx.SetConstantOutput(0, Decoded(n.Outputs[0], DataType.Float, [], [f.F])); return; }
        if (n.Attr("value_floats") is { } fs) { ctx.SetConstantOutput(0, Decoded(n.Outputs[0], DataType.Float, [fs.Floats.Count], fs.Floats.Select(x => (double)x).ToArray())); return; }
        if (n.Attr("value_int") is { } i) { ctx.SetOutput(0, TensorType.Of(DataType.Int64, Shape.Scalar), [i.I]); return; }
        if (n.Attr("value_ints") is { } ints) { ctx.SetOutput(0, TensorType.Of(DataType.Int64, ints.Ints.Count), ints.Ints.ToArray()); return; }
        if (n.Attr("value_string") is not null) { ctx.SetOutput(0, TensorType.Of(DataType.String, Shape.Scalar)); return; }
        if (n.Attr("value_strings") is { } ss) { ctx.SetOutput(0, TensorType.Of(DataType.String, ss.Strings.Count)); return; }
        if (n.Attr("sparse_value") is { T: { } sp }) { ctx.SetOutput(0, sp.Type); return; }
        throw OpContext.Fail("Constant has no value attribute");
    }

    internal static TensorData Decoded(string name, DataType t, long[] dims, double[] values) => new()
    {
        Name = name,
        DataType = t,
        Dims = dims,
        Encoding = TensorEncoding.Decoded,
        InlineValues = values,
    };

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Metadata);
}

/// <summary>ConstantOfShape: shape from input values (symbolic allowed); fill type from the value attribute (default float 0).</summary>
internal sealed class ConstantOfShapeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var fill = ctx.Node.Attr("value")?.T;
        var et = fill?.DataType ?? DataType.Float;
        var dims = ctx.InputDimValues(0);
        if (dims is null)
        {
            var len = ctx.InputShape(0) is { Rank: 1 } s && s[0].IsKnown ? (int)s[0].Value : -1;
            if (len < 0) throw OpUtil.ValuesUnknown(ctx, 0, "shape");
            ctx.SetOutput(0, TensorType.Of(et, new Shape(Enumerable.Repeat(Dim.Unknown, len))));
            return;
        }
        var shape = new Shape(dims);
        Dim[]? values = null;
        if ((DataTypes.IsInteger(et) || et == DataType.Bool) && OpUtil.KnownElements(shape) is { } n && n <= OpUtil.MaxComputedValues)
        {
            var v = fill?.TryReadInt64(1) is [var x] ? x : 0;
            values = Enumerable.Repeat(Dim.Of(v), (int)n).ToArray();
        }
        ctx.SetOutputDims(0, TensorType.Of(et, shape), values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.DataMovement) with { MetadataInputs = [0] };
}

/// <summary>Identity (tensors, sequences, optionals): same type and values.</summary>
internal sealed class IdentityRule : IOpRule
{
    public void Infer(OpContext ctx) => OpUtil.SameAsInput(ctx, keepValues: true);

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Cast / CastLike: same shape, new element type; integer values carried (truncated toward zero by Values).</summary>
internal sealed class CastRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var to = ctx.Node.OpType == "CastLike" ? ctx.InputElementType(1) : OpUtil.DType(ctx.Node.GetInt("to", 0));
        var t = (ctx.InputType(0) ?? TensorType.Unknown) with { ElementType = to };
        var v = ctx.InputDimValues(0);
        if (v is not null && to == DataType.Bool) v = v.Select(d => d.IsKnown ? Dim.Of(d.Value != 0 ? 1 : 0) : Dim.Unknown).ToArray();
        ctx.SetOutputDims(0, t, to == DataType.String ? null : v);
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { MetadataInputs = ctx.Node.OpType == "CastLike" ? [1] : [] };
}

/// <summary>Dropout (inference: identity) with the optional bool mask output.</summary>
internal sealed class DropoutRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0) ?? TensorType.Unknown;
        ctx.SetOutput(0, t);
        if (ctx.HasOutput(1)) ctx.SetOutput(1, t with { ElementType = ctx.Opset < 10 ? t.ElementType : DataType.Bool });
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero();
}

/// <summary>Range(start, limit, delta): length ceil((limit-start)/delta); values when all three are known.</summary>
internal sealed class RangeRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.InputElementType(0);
        var s = ctx.InputFloatValues(0) ?? ctx.InputValues(0)?.Select(x => (double)x).ToArray();
        var l = ctx.InputFloatValues(1) ?? ctx.InputValues(1)?.Select(x => (double)x).ToArray();
        var d = ctx.InputFloatValues(2) ?? ctx.InputValues(2)?.Select(x => (double)x).ToArray();
        if (s is [var start] && l is [var limit] && d is [var delta] && delta != 0)
        {
            long n = Math.Max(0, (long)Math.Ceiling((limit - start) / delta));
            long[]? values = null;
            if (n <= OpUtil.MaxComputedValues && !DataTypes.IsFloat(et)) values = Enumerable.Range(0, (int)n).Select(i => (long)(start + i * delta)).ToArray();
            ctx.SetOutput(0, TensorType.Of(et, n), values);
            return;
        }
        // symbolic integer start, limit and delta: max(ceil((limit - start)/delta), 0)
        var sd = OpUtil.ScalarDim(ctx.InputDimValues(0));
        var ld = OpUtil.ScalarDim(ctx.InputDimValues(1));
        var dd = OpUtil.ScalarDim(ctx.InputDimValues(2));
        Dim n2 = dd.IsKnown && dd.Value == 0 ? Dim.Unknown : Dim.Max(Dim.CeilDiv(ld - sd, dd), 0);
        if (!DataTypes.IsInteger(et) && !(dd.IsKnown && dd.Value > 0)) n2 = Dim.Unknown;
        if (n2.IsUnknown) n2 = ctx.DataDependentDim(0, 0); // computed from runtime values
        ctx.SetOutput(0, TensorType.Of(et, new Shape([n2])));
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 1);
}

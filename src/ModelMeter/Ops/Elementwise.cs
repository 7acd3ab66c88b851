using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Unary math and activations: output has the input's shape; cost from <see cref="FlopTable"/>.</summary>
internal sealed class UnaryRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0) ?? TensorType.Unknown;
        var op = ctx.Node.OpType;
        if (op is "IsNaN" or "IsInf") { ctx.SetOutput(0, t with { ElementType = DataType.Bool }); return; }
        Func<long, long>? f = op switch
        {
            "Neg" => v => -v,
            "Abs" => Math.Abs,
            "Relu" => v => Math.Max(0, v),
            "Floor" or "Ceil" or "Round" => v => v,
            "Sign" => v => Math.Sign(v),
            "Not" => v => v == 0 ? 1 : 0,
            _ => null,
        };
        var vals = f is null ? null : ctx.InputDimValues(0);
        if (vals is not null && op == "Neg") ctx.SetOutputDims(0, t, vals.Select(d => Dim.Of(0) - d).ToArray());
        else if (vals is not null) ctx.SetOutputDims(0, t, vals.Select(d => d.IsKnown ? Dim.Of(f!(d.Value)) : Symbolic(op, d)).ToArray());
        else ctx.SetOutput(0, t);
    }

    /// <summary>A unary op on a symbolic integer value: Floor/Ceil/Round keep it, Relu is max(d,0), Abs keeps a size.</summary>
    private static Dim Symbolic(string op, Dim d) => op switch
    {
        "Floor" or "Ceil" or "Round" => d,
        "Relu" => Dim.Max(d, 0),
        "Abs" when d.LowerBound >= 0 => d,
        _ => Dim.Unknown,
    };

    public OpCost Cost(OpContext ctx)
    {
        var op = ctx.Node.OpType;
        long per = op == "Gelu" && ctx.Node.GetString("approximate", "none") == "tanh" ? FlopTable.Transcendental + 7 : FlopTable.PerElement(op);
        return OpCost.PerElement(ctx.OutputElements(0), per);
    }
}

/// <summary>Broadcasting binary ops (arithmetic, comparison, logic, bitwise) with integer value propagation.</summary>
internal sealed class BinaryRule : IOpRule
{
    private static bool IsBoolOutput(string op) => op is "And" or "Or" or "Xor" or "Equal" or "Less" or "Greater" or "LessOrEqual" or "GreaterOrEqual";

    public void Infer(OpContext ctx)
    {
        var op = ctx.Node.OpType;
        var a = ctx.InputShape(0);
        var b = ctx.InputShape(1);
        var et = IsBoolOutput(op) ? DataType.Bool : ctx.InputElementType(0);
        if (a is null || b is null) { ctx.SetOutput(0, new TensorType(et, null)); return; }
        var shape = ShapeMath.Broadcast(a, b);
        var type = TensorType.Of(et, shape);
        var inType = ctx.InputElementType(0);
        bool integer = DataTypes.IsInteger(inType) || inType == DataType.Bool;
        // the second operand's values are read only when the first has values (a bias added to activations is never read)
        var av = ctx.InputDimValues(0);
        var bv = av is null ? null : ctx.InputDimValues(1);
        Dim[]? values = null;
        if (av is not null && bv is not null)
        {
            Func<Dim[], Dim> f = op switch
            {
                "Add" => x => x[0] + x[1],
                "Sub" => x => x[0] - x[1],
                "Mul" => x => x[0] * x[1],
                "Div" => x => ValueMath.Div(x[0], x[1], integer),
                "Mod" => x => ValueMath.Mod(x[0], x[1], ctx.Node.GetInt("fmod", 0) == 1),
                "Pow" => x => ValueMath.Known(x, v => v[1] >= 0 && v[1] < 63 ? checked((long)Math.Pow(v[0], v[1])) : null),
                "Equal" or "Less" or "Greater" or "LessOrEqual" or "GreaterOrEqual" => x => ValueMath.Compare(x[0], x[1], op),
                "And" => x => ValueMath.Known(x, v => v[0] != 0 && v[1] != 0 ? 1 : 0),
                "Or" => x => ValueMath.Known(x, v => v[0] != 0 || v[1] != 0 ? 1 : 0),
                "Xor" => x => ValueMath.Known(x, v => (v[0] != 0) ^ (v[1] != 0) ? 1 : 0),
                _ => _ => Dim.Unknown,
            };
            values = ValueMath.Broadcast(shape, [(a, av), (b, bv)], f);
        }
        ctx.SetOutputDims(0, type, values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), FlopTable.PerElement(ctx.Node.OpType));
}

/// <summary>Variadic broadcasting ops: Max, Min, Sum, Mean (n inputs: n-1 binary steps per output element).</summary>
internal sealed class VariadicRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var shapes = new List<Shape>();
        for (int i = 0; i < ctx.InputCount; i++)
        {
            if (!ctx.HasInput(i)) continue;
            if (ctx.InputShape(i) is not { } s) { ctx.SetOutput(0, new TensorType(ctx.InputElementType(0), null)); return; }
            shapes.Add(s);
        }
        var shape = ShapeMath.Broadcast([.. shapes]);
        var type = TensorType.Of(ctx.InputElementType(0), shape);
        var op = ctx.Node.OpType;
        Dim[]? values = null;
        if (op is "Max" or "Min" or "Sum" && Enumerable.Range(0, ctx.InputCount).All(i => ctx.InputDimValues(i) is not null))
        {
            var ins = Enumerable.Range(0, ctx.InputCount).Select(i => (ctx.InputShape(i), ctx.InputDimValues(i))).ToList();
            values = ValueMath.Broadcast(shape, ins, x =>
            {
                var r = x[0];
                for (int i = 1; i < x.Length; i++) r = op == "Sum" ? r + x[i] : ValueMath.MaxMin(r, x[i], op == "Max");
                return r;
            });
        }
        ctx.SetOutputDims(0, type, values);
    }

    public OpCost Cost(OpContext ctx)
    {
        int n = Enumerable.Range(0, ctx.InputCount).Count(ctx.HasInput);
        long per = Math.Max(1, n - 1) + (ctx.Node.OpType == "Mean" ? 1 : 0);
        return OpCost.PerElement(ctx.OutputElements(0), per);
    }
}

/// <summary>Where(cond, x, y): three-way broadcast, values selected when all are known.</summary>
internal sealed class WhereRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.InputElementType(1);
        if (ctx.InputShape(0) is not { } c || ctx.InputShape(1) is not { } x || ctx.InputShape(2) is not { } y)
        {
            ctx.SetOutput(0, new TensorType(et, null));
            return;
        }
        var shape = ShapeMath.Broadcast(c, x, y);
        Dim[]? values = null;
        if (ctx.InputDimValues(0) is { } cv && ctx.InputDimValues(1) is { } xv && ctx.InputDimValues(2) is { } yv)
            values = ValueMath.Broadcast(shape, [(c, cv), (x, xv), (y, yv)], a => !a[0].IsKnown ? Dim.Unknown : a[0].Value != 0 ? a[1] : a[2]);
        ctx.SetOutputDims(0, TensorType.Of(et, shape), values);
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 1);
}

/// <summary>Clip: bounds are attributes before opset 11 and optional scalar inputs from 11 on.</summary>
internal sealed class ClipRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0) ?? TensorType.Unknown;
        var v = ctx.InputDimValues(0);
        if (v is null) { ctx.SetOutput(0, t); return; }
        long lo = long.MinValue, hi = long.MaxValue;
        if (ctx.Opset < 11)
        {
            if (ctx.Node.Attr("min") is { } mn) lo = (long)Math.Ceiling(mn.F);
            if (ctx.Node.Attr("max") is { } mx) hi = (long)Math.Floor(mx.F);
        }
        else
        {
            if (ctx.HasInput(1)) { if (OpUtil.Scalar(ctx.InputDimValues(1)) is { } m) lo = m; else { ctx.SetOutput(0, t); return; } }
            if (ctx.HasInput(2)) { if (OpUtil.Scalar(ctx.InputDimValues(2)) is { } m) hi = m; else { ctx.SetOutput(0, t); return; } }
        }
        ctx.SetOutputDims(0, t, v.Select(d => d.IsKnown ? Dim.Of(Math.Clamp(d.Value, lo, Math.Max(lo, hi)))
            : Dim.Min(lo == long.MinValue ? d : Dim.Max(d, lo), hi == long.MaxValue ? (lo == long.MinValue ? d : Dim.Max(d, lo)) : Math.Max(lo, hi))).ToArray());
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), FlopTable.PerElement("Clip"));
}

/// <summary>PRelu: slope broadcast to X (unidirectional); the slope is a weight input.</summary>
internal sealed class PReluRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        // the output has X's shape (the slope broadcasts to X; before opset 7 it was per channel)
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), ctx.InputShape(0)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 2) with { WeightInputs = [1] };
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>Shape helpers for the integer conv/matmul ops (same formulas as Conv and MatMul).</summary>
internal static class IntegerOps
{
    /// <summary>Conv output shape of x (input <paramref name="xi"/>) with weight (input <paramref name="wi"/>).</summary>
    public static Shape ConvShape(OpContext ctx, int xi, int wi)
    {
        var x = ctx.RequireShape(xi);
        var w = ctx.RequireShape(wi);
        int spatial = x.Rank - 2;
        var win = Window.Read(ctx.Node, spatial, w.TryValues()?[2..]);
        var dims = new List<Dim> { x[0], w[0] };
        for (int i = 0; i < spatial; i++) dims.Add(win.Output(i, x[i + 2]));
        return new Shape(dims);
    }

    /// <summary>MACs of a conv: output elements × weight dims after the first.</summary>
    public static Count ConvMacs(OpContext ctx, int wi, int output = 0)
    {
        var w = ctx.RequireShape(wi);
        Count per = 1;
        for (int i = 1; i < w.Rank; i++) per = checked(per * ctx.Eval(w[i]));
        return checked(ctx.OutputElements(output) * per);
    }

    /// <summary>Numpy matmul output shape and K of inputs <paramref name="ai"/>, <paramref name="bi"/>.</summary>
    public static (Shape Out, Dim K) MatMulShape(OpContext ctx, int ai, int bi)
    {
        var a = ctx.RequireShape(ai);
        var b = ctx.RequireShape(bi);
        bool av = a.Rank == 1, bv = b.Rank == 1;
        if (av) a = new Shape([1, a[0]]);
        if (bv) b = new Shape([b[0], 1]);
        var batch = ShapeMath.Broadcast(new Shape(a.Dims.Take(a.Rank - 2)), new Shape(b.Dims.Take(b.Rank - 2)));
        var dims = new List<Dim>(batch.Dims);
        if (!av) dims.Add(a[-2]);
        if (!bv) dims.Add(b[-1]);
        return (new Shape(dims), a[-1].IsKnown ? a[-1] : b[-2]);
    }
}

/// <summary>QuantizeLinear (per-tensor/axis/blocked): y has x's shape, type of y_zero_point or output_dtype (default uint8).</summary>
internal sealed class QuantizeLinearRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.Node.GetInt("output_dtype", 0) is var od and > 0 ? OpUtil.DType(od)
            : ctx.HasInput(2) ? ctx.InputElementType(2) : DataType.UInt8;
        ctx.SetOutput(0, TensorType.Of(et, ctx.InputShape(0)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), FlopTable.Div + 2); // scale and zero point follow the general rule: per-tensor (one element) are not params
}

/// <summary>DequantizeLinear: y has x's shape and the scale's type (or output_dtype).</summary>
internal sealed class DequantizeLinearRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.Node.GetInt("output_dtype", 0) is var od and > 0 ? OpUtil.DType(od) : ctx.InputElementType(1);
        ctx.SetOutput(0, TensorType.Of(et, ctx.InputShape(0)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 2) with { Precision = Precision.Int8 }; // per-tensor scale and zero point are not params
}

/// <summary>DynamicQuantizeLinear: uint8 y, float scalar scale, uint8 scalar zero point; min/max scan + quantize.</summary>
internal sealed class DynamicQuantizeLinearRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        ctx.SetOutput(0, TensorType.Of(DataType.UInt8, ctx.InputShape(0)));
        ctx.SetOutput(1, TensorType.Of(DataType.Float, Shape.Scalar));
        ctx.SetOutput(2, TensorType.Of(DataType.UInt8, Shape.Scalar));
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.InputElements(0), FlopTable.Div + 4);
}

/// <summary>MatMulInteger / QLinearMatMul / MatMulInteger16: integer matrix products, MACs = batch·M·N·K, precision int8.</summary>
internal sealed class IntegerMatMulRule : IOpRule
{
    private static int B(OpContext ctx) => ctx.Node.OpType == "QLinearMatMul" ? 3 : 1;

    public void Infer(OpContext ctx)
    {
        var (shape, _) = IntegerOps.MatMulShape(ctx, 0, B(ctx));
        var et = ctx.Node.OpType == "QLinearMatMul" ? ctx.InputElementType(7) : DataType.Int32;
        ctx.SetOutput(0, TensorType.Of(et, shape));
    }

    public OpCost Cost(OpContext ctx)
    {
        var (_, k) = IntegerOps.MatMulShape(ctx, 0, B(ctx));
        Count macs = checked(ctx.OutputElements(0) * ctx.Eval(k));
        return new OpCost { Macs = macs, Flops = checked(2 * macs), Class = OpClass.Gemm, Precision = Precision.Int8, WeightInputs = [B(ctx)] };
    }
}

/// <summary>ConvInteger / QLinearConv: conv shapes; MACs as Conv; precision int8.</summary>
internal sealed class IntegerConvRule : IOpRule
{
    private static int W(OpContext ctx) => ctx.Node.OpType == "QLinearConv" ? 3 : 1;

    public void Infer(OpContext ctx)
    {
        var et = ctx.Node.OpType == "QLinearConv" ? ctx.InputElementType(7) : DataType.Int32;
        ctx.SetOutput(0, TensorType.Of(et, IntegerOps.ConvShape(ctx, 0, W(ctx))));
    }

    public OpCost Cost(OpContext ctx)
    {
        Count macs = IntegerOps.ConvMacs(ctx, W(ctx));
        bool bias = ctx.Node.OpType == "QLinearConv" && ctx.HasInput(8);
        return new OpCost
        {
            Macs = macs,
            Flops = checked(2 * macs + (bias ? ctx.OutputElements(0) : 0)),
            Class = OpClass.Conv,
            Precision = Precision.Int8,
            WeightInputs = bias ? [W(ctx), 8] : [W(ctx)],
        };
    }
}

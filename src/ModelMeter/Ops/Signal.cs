using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>DFT, STFT, window generators, MelWeightMatrix (ai.onnx 17+).</summary>
internal sealed class SignalRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var op = ctx.Node.OpType;
        var ft = OpUtil.DType(ctx.Node.GetInt("output_datatype", 1));
        switch (op)
        {
            case "DFT": Dft(ctx); break;
            case "STFT":
                var s = ctx.RequireShape(0);
                Dim step = OpUtil.ScalarDim(ctx.InputDimValues(1)); // data-dependent: the frame count is a fresh symbol
                Dim len = ctx.HasInput(3) && !OpUtil.ScalarDim(ctx.InputDimValues(3)).IsUnknown ? OpUtil.ScalarDim(ctx.InputDimValues(3)) : ctx.InputShape(2) is { Rank: 1 } w ? w[0] : Dim.Unknown;
                if (step.IsKnown && step.Value <= 0) step = Dim.Unknown;
                Dim frames = Dim.FloorDiv(s[1] - len, step) + 1;
                Dim bins = ctx.Node.GetInt("onesided", 1) != 0 ? Dim.FloorDiv(len, 2) + 1 : len;
                if (frames.IsUnknown) frames = ctx.DataDependentDim(0, 1);
                if (bins.IsUnknown) bins = ctx.DataDependentDim(0, 2);
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([s[0], frames, bins, 2])));
                break;
            case "MelWeightMatrix":
                Dim n = Dim.FloorDiv(OpUtil.ScalarDim(ctx.InputDimValues(1)), 2) + 1;
                Dim mel = OpUtil.ScalarDim(ctx.InputDimValues(0));
                ctx.SetOutput(0, TensorType.Of(ft, new Shape([n, mel])));
                break;
            default:
                Dim size = OpUtil.ScalarDim(ctx.InputDimValues(0));
                ctx.SetOutput(0, TensorType.Of(ft, new Shape([size])));
                break;
        }
    }

    /// <summary>The length of one transform: the STFT frame (frame_length or the window), the DFT axis (or dft_length).</summary>
    private static Dim TransformLength(OpContext ctx)
    {
        if (ctx.Node.OpType == "STFT")
        {
            var fl = ctx.HasInput(3) ? OpUtil.ScalarDim(ctx.InputDimValues(3)) : Dim.Unknown;
            return !fl.IsUnknown ? fl : ctx.InputShape(2) is { Rank: 1 } w ? w[0] : Dim.Unknown;
        }
        if (ctx.HasInput(1) && OpUtil.ScalarDim(ctx.InputDimValues(1)) is { IsUnknown: false } len) return len;
        long? a = ctx.Opset >= 20 ? (ctx.HasInput(2) ? OpUtil.Scalar(ctx.InputDimValues(2)) : -2) : ctx.Node.GetInt("axis", 1);
        return a is { } axis && ctx.InputShape(0) is { } s && s.Rank > 0 ? s[ShapeMath.Axis(axis, s.Rank)] : Dim.Unknown;
    }

    private static void Dft(OpContext ctx)
    {
        var s = ctx.RequireShape(0);
        long? a = ctx.Opset >= 20 ? (ctx.HasInput(2) ? OpUtil.Scalar(ctx.InputDimValues(2)) : -2) : ctx.Node.GetInt("axis", 1);
        bool inverse = ctx.Node.GetInt("inverse", 0) != 0;
        bool onesided = ctx.Node.GetInt("onesided", 0) != 0;
        var dims = s.Dims.ToArray();
        if (a is null)
        {
            // data-dependent axis: a full (not one-sided) transform of its own length keeps every signal dim
            if (onesided || ctx.HasInput(1)) for (int k = 0; k < dims.Length - 1; k++) dims[k] = Dim.Unknown;
            dims[^1] = onesided && inverse ? 1 : 2;
            ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
            return;
        }
        int axis = ShapeMath.Axis(a.Value, s.Rank);
        if (ctx.HasInput(1)) dims[axis] = OpUtil.ScalarDim(ctx.InputDimValues(1));
        if (onesided && !inverse) dims[axis] = Dim.FloorDiv(dims[axis], 2) + 1;
        if (onesided && inverse && !ctx.HasInput(1)) dims[axis] = 2 * (dims[axis] - 1);
        dims[^1] = onesided && inverse ? 1 : 2;
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx)
    {
        // FFT: 5·n·log2(n) flops per transformed signal of length n (the classic radix-2 count)
        if (ctx.Node.OpType is not ("DFT" or "STFT")) return OpCost.PerElement(ctx.OutputElements(0), FlopTable.Transcendental);
        Count outE = ctx.OutputElements(0) / 2;
        // 5·n·log2(n) per transform of length n = 5·log2(n) per complex output; a logarithm is outside the formula
        // grammar, so there is a formula when n is a number (an STFT frame, a DFT over a fixed axis)
        var n = ctx.Eval(TransformLength(ctx));
        long lg = 5 * (long)Math.Ceiling(Math.Log2(Math.Max(2, n.Value)));
        var per = new Count(lg, n.Formula.IsKnown ? lg : Dim.Unknown);
        return new OpCost { Flops = outE * per, Class = OpClass.Other, MetadataInputs = [1, 2, 3] };
    }
}

/// <summary>Image and geometry ops: GridSample, AffineGrid, RoiAlign, Col2Im, CenterCropPad, MaxUnpool, DeformConv, Det, ImageDecoder.</summary>
internal sealed class ImageRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        switch (ctx.Node.OpType)
        {
            case "GridSample":
                var x = ctx.RequireShape(0);
                var g = ctx.RequireShape(1);
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(new[] { x[0], x[1] }.Concat(g.Dims.Skip(1).Take(g.Rank - 2)))));
                break;
            case "AffineGrid":
                var size = ctx.InputDimValues(1);
                if (size is null)
                {
                    size = Unknowns(ctx, 1, "size");
                    if (size.Length > 0 && ctx.InputShape(0) is { Rank: 3 } theta) size[0] = theta[0]; // N is theta's
                }
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(new[] { size[0] }.Concat(size.Skip(2)).Append(size.Length - 2))));
                break;
            case "RoiAlign":
                var r = ctx.RequireShape(1);
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([r[0], ctx.RequireShape(0)[1], ctx.Node.GetInt("output_height", 1), ctx.Node.GetInt("output_width", 1)])));
                break;
            case "Col2Im":
                var i = ctx.RequireShape(0);
                var img = ctx.InputDimValues(1) ?? Unknowns(ctx, 1, "image_shape");
                var blk = ctx.InputDimValues(2) ?? Unknowns(ctx, 2, "block_shape");
                Dim prod = 1;
                foreach (var b in blk) prod *= b;
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(new[] { i[0], i[1] / prod }.Concat(img))));
                break;
            case "CenterCropPad":
                var cs = ctx.RequireShape(0);
                var target = ctx.InputDimValues(1) ?? Unknowns(ctx, 1, "shape");
                var axes = ctx.Node.GetInts("axes")?.Select(a => ShapeMath.Axis(a, cs.Rank)).ToArray() ?? Enumerable.Range(0, cs.Rank).ToArray();
                var cd = cs.Dims.ToArray();
                for (int k = 0; k < axes.Length; k++) cd[axes[k]] = target[k];
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(cd)));
                break;
            case "MaxUnpool":
                var mx = ctx.RequireShape(0);
                if (ctx.HasInput(2))
                {
                    var os = ctx.InputDimValues(2);
                    if (os is null)
                    {
                        os = Unknowns(ctx, 2, "output_shape");
                        if (os.Length == mx.Rank && mx.Rank >= 2) { os[0] = mx[0]; os[1] = mx[1]; } // N and C are the input's
                    }
                    ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(os)));
                    break;
                }
                var win = Window.Read(ctx.Node, mx.Rank - 2, null);
                var md = mx.Dims.ToArray();
                for (int k = 0; k < win.Spatial; k++) md[k + 2] = (md[k + 2] - 1) * win.Strides[k] - win.Pads[k] - win.Pads[k + win.Spatial] + win.Kernel[k];
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(md)));
                break;
            case "DeformConv":
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, IntegerOps.ConvShape(ctx, 0, 1)));
                break;
            case "Det":
                var ds = ctx.RequireShape(0);
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(ds.Dims.Take(ds.Rank - 2))));
                break;
            default: // ImageDecoder: the decoded size is in the file, not the graph
                ctx.SetOutput(0, TensorType.Of(DataType.UInt8, new Shape([ctx.DataDependentDim(0, 0), ctx.DataDependentDim(0, 1), ctx.Node.GetString("pixel_format", "RGB") == "Grayscale" ? 1 : 3])));
                break;
        }
    }

    /// <summary>
    /// A 1-D shape-like input whose values are data-dependent but whose length is known: that many unknown dims
    /// (the output rank stays known); throws when even the length is unknown.
    /// </summary>
    private static Dim[] Unknowns(OpContext ctx, int i, string what) =>
        ctx.InputShape(i) is { Rank: 1 } s && s[0].IsKnown && s[0].Value <= 64
            ? Enumerable.Repeat(Dim.Unknown, (int)s[0].Value).ToArray()
            : throw OpUtil.ValuesUnknown(ctx, i, what);

    public OpCost Cost(OpContext ctx) => ctx.Node.OpType switch
    {
        "DeformConv" => new OpCost { Macs = IntegerOps.ConvMacs(ctx, 1), Flops = checked(2 * IntegerOps.ConvMacs(ctx, 1) + 4 * ctx.OutputElements(0)), Class = OpClass.Conv, WeightInputs = [1, 3] },
        "GridSample" or "RoiAlign" => OpCost.PerElement(ctx.OutputElements(0), 8, OpClass.DataMovement), // bilinear: 4 taps × (mul + add)
        "AffineGrid" => OpCost.PerElement(ctx.OutputElements(0), 3),
        "Det" => OpCost.PerElement(ctx.InputElements(0), 2, OpClass.Other),
        _ => OpCost.Zero() with { MetadataInputs = [1, 2] },
    };
}

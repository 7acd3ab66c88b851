using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// com.microsoft MatMulNBits: A [..., K] (float) × B packed [N, k_blocks, blob_size] (uint8; attributes K, N, bits,
/// block_size) with scales/zero_points → Y [..., N] in A's type. MACs = rows·N·K; FLOPs = 2·MACs (+ rows·N for bias,
/// input 5). Parameters: N·k_blocks·block_size logical weights (8/bits per stored byte) plus scales and zero points;
/// weight bytes are the stored (packed) bytes. Precision int4 for bits ≤ 4, else int8 (weights; activations stay float).
/// </summary>
internal sealed class MatMulNBitsRule : IOpRule
{
    private static (long K, long N, long Bits) Attrs(OpContext ctx)
    {
        long k = ctx.Node.GetInt("K", 0), n = ctx.Node.GetInt("N", 0), bits = ctx.Node.GetInt("bits", 4);
        if (k <= 0 || n <= 0) throw OpContext.Fail("attributes K and N must be positive");
        if (bits is <= 0 or > 8) throw OpContext.Fail($"bits {bits} out of range");
        return (k, n, bits);
    }

    public void Infer(OpContext ctx)
    {
        var a = ctx.RequireShape(0);
        var (k, n, _) = Attrs(ctx);
        if (a.Rank < 1) throw OpContext.Fail("A must have at least one dim");
        if (a[-1].IsKnown && a[-1].Value != k) throw OpContext.Fail($"A's last dim {a[-1]} differs from K = {k}");
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([.. a.Dims.Take(a.Rank - 1), Dim.Of(n)])));
    }

    public OpCost Cost(OpContext ctx)
    {
        var (k, n, bits) = Attrs(ctx);
        Count rows = ctx.Elements(new Shape(ctx.RequireShape(0).Dims.SkipLast(1)));
        Count macs = checked(rows * n * k);
        Count flops = checked(2 * macs + (ctx.HasInput(5) ? rows * n : 0));
        return new OpCost
        {
            Macs = macs, Flops = flops, Class = OpClass.Gemm, Precision = bits <= 4 ? Precision.Int4 : Precision.Int8,
            WeightInputs = [1, 2, 3, 5], PackedInputs = new Dictionary<int, int> { [1] = (int)(8 / bits) },
        };
    }
}

/// <summary>
/// com.microsoft QLinearAdd / QLinearMul (A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp): broadcast of A and B in
/// A's type; 1 FLOP per output element (the arithmetic; requantisation not counted), precision int8.
/// </summary>
internal sealed class QLinearBinaryRule : IOpRule
{
    public void Infer(OpContext ctx) =>
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, ShapeMath.Broadcast(ctx.RequireShape(0), ctx.RequireShape(3))));

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 1) with { Precision = Precision.Int8, WeightInputs = [3] };
}

/// <summary>
/// com.microsoft QLinearSigmoid / QLinearLeakyRelu / QLinearSoftmax (X, X_scale, X_zp, Y_scale, Y_zp): X's shape and
/// type; FLOPs per element as the float op; precision int8.
/// </summary>
internal sealed class QLinearUnaryRule : IOpRule
{
    public void Infer(OpContext ctx) => OpUtil.SameAsInput(ctx);

    public OpCost Cost(OpContext ctx)
    {
        long per = ctx.Node.OpType switch
        {
            "QLinearSigmoid" => FlopTable.PerElement("Sigmoid"),
            "QLinearLeakyRelu" => FlopTable.PerElement("LeakyRelu"),
            _ => FlopTable.Transcendental + 3 + FlopTable.Div,
        };
        return OpCost.PerElement(ctx.OutputElements(0), per) with { Precision = Precision.Int8 };
    }
}

/// <summary>
/// com.microsoft QLinearGlobalAveragePool (X, x_scale, x_zp, y_scale, y_zp; channels_last): spatial dims become 1;
/// one FLOP per input element; precision int8.
/// </summary>
internal sealed class QLinearGlobalAveragePoolRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 3) throw OpContext.Fail($"input rank {x.Rank} < 3");
        bool last = ctx.Node.GetInt("channels_last", 0) != 0;
        var dims = x.Dims.Select((d, i) => i == 0 || (last ? i == x.Rank - 1 : i == 1) ? d : Dim.Of(1));
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => new() { Flops = ctx.InputElements(0), Class = OpClass.Pooling, Precision = Precision.Int8 };
}

/// <summary>
/// com.microsoft QLinearConcat (Y_scale, Y_zp, then (X, X_scale, X_zp) per input; axis): the concatenation of the X
/// inputs, in the first X's type. Data movement (requantisation not counted).
/// </summary>
internal sealed class QLinearConcatRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var first = ctx.RequireShape(2);
        int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", 0), first.Rank);
        var dims = first.Dims.ToArray();
        for (int i = 5; i < ctx.InputCount; i += 3)
        {
            var s = ctx.RequireShape(i);
            if (s.Rank != first.Rank) throw OpContext.Fail($"input {i} has rank {s.Rank}, expected {first.Rank}");
            dims[axis] = dims[axis] + s[axis];
        }
        ctx.SetOutput(0, OpUtil.Like(ctx, 2, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero() with { Precision = Precision.Int8 };
}

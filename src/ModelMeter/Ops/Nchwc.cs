using System.Runtime.Intrinsics.X86;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// ONNX Runtime's NCHWc layout ops (domain com.microsoft.nchwc), written into graphs optimised at ORT_ENABLE_ALL on
/// CPU. Blocked tensors keep the NCHW rank with channels padded to the block (ReorderInput [N,C,H,W] → [N,Cpad,H,W];
/// with channels_last the input is [N,H,W,C]); ReorderOutput restores <c>channels</c> (and NHWC with channels_last).
/// </summary>
internal sealed class NchwcReorderRule : IOpRule
{
    /// <summary>The channel block ONNX Runtime's MLAS uses on this machine: 16 with AVX-512F, else 8.</summary>
    internal static int Block => Avx512F.IsSupported ? 16 : 8;

    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 3) throw OpContext.Fail($"input rank {x.Rank} < 3");
        var dims = x.Dims.ToArray();
        bool last = ctx.Node.GetInt("channels_last", 0) != 0;
        if (ctx.Node.OpType == "ReorderInput")
        {
            var c = last ? dims[^1] : dims[1];
            Dim padded = c.IsKnown ? Dim.Of((c.Value + Block - 1) / Block * Block) : c;
            dims = last ? [dims[0], padded, .. dims[1..^1]] : [dims[0], padded, .. dims[2..]];
        }
        else
        {
            long channels = ctx.Node.GetInt("channels", 0);
            if (channels > 0) dims[1] = channels;
            if (last) dims = [dims[0], .. dims[2..], dims[1]];
        }
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.DataMovement);
}

/// <summary>
/// com.microsoft.nchwc Conv (X, W, B?, Sum?; activation): X [N,Cin(pad),spatial…], W already reordered
/// [Cout_pad, Cin_pad/group, kernel…] → Y [N, Cout_pad, spatial_out…]. Costs as Conv (MACs = output elements ·
/// prod(W dims after the first)), plus one FLOP per output element for the fused activation and for the Sum input.
/// </summary>
internal sealed class NchwcConvRule : IOpRule
{
    private static readonly Conv s_conv = new();

    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        if (x.Rank < 3 || w.Rank != x.Rank) throw OpContext.Fail($"expected X [N,C,spatial…] and W of the same rank, got {x} and {w}");
        int spatial = x.Rank - 2;
        var win = Window.Read(ctx.Node, spatial, w.TryValues()?[2..]);
        var dims = new List<Dim> { x[0], w[0] };
        for (int i = 0; i < spatial; i++) dims.Add(win.Output(i, x[i + 2]));
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    public OpCost Cost(OpContext ctx)
    {
        var c = s_conv.Cost(ctx);
        return c with { Flops = checked(c.Flops + FusedRule.FusedExtras(ctx, 3)) };
    }
}

/// <summary>com.microsoft.nchwc Upsample (scales: integer factors per dim, or per spatial dim; mode): dims multiplied; linear mode 4 FLOPs per output element.</summary>
internal sealed class NchwcUpsampleRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var scales = ctx.Node.GetInts("scales") ?? throw OpContext.Fail("missing scales");
        int offset = scales.Count == x.Rank ? 0 : scales.Count == x.Rank - 2 ? 2 : throw OpContext.Fail($"scales has {scales.Count} values for rank {x.Rank}");
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape(x.Dims.Select((d, i) => i < offset ? d : d * scales[i - offset]))));
    }

    public OpCost Cost(OpContext ctx) =>
        OpCost.PerElement(ctx.OutputElements(0), ctx.Node.GetString("mode", "nearest") is "linear" or "bilinear" ? 4 : 0, OpClass.DataMovement);
}

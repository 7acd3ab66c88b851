using System.Runtime.Intrinsics.X86;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Ops;

namespace ModelMeter.Runtime;

/// <summary>
/// Rules for the ops ONNX Runtime's CPU optimiser writes into the optimised graph (<c>FusedConv</c>, <c>FusedGemm</c>,
/// <c>FusedMatMul</c> in com.microsoft; the NCHWc layout ops in com.microsoft.nchwc), so the optimised graph is counted and
/// the per-node join carries costs. They delegate to the core's rules for the plain op and add the fused activation
/// (one FLOP per output element) and the fused Sum input (one per element). Built-in core rules for the same ops win.
/// </summary>
public static class OrtOps
{
    /// <summary>Channel block of ONNX Runtime's NCHWc kernels on this machine (MLAS: 16 with AVX-512F, else 8).</summary>
    public static int NchwcBlock => Avx512F.IsSupported ? 16 : 8;

    /// <summary>The default registry plus the ONNX Runtime internal ops it lacks.</summary>
    public static OpRegistry Registry { get; } = Build();

    static OpRegistry Build()
    {
        var r = OpRegistry.CreateDefault();
        void Add(string domain, string op, IOpRule rule) { if (r.Find(domain, op) is null) r.Register(domain, op, rule); }
        var conv = r.Find("", "Conv");
        if (conv is not null)
        {
            Add("com.microsoft", "FusedConv", new Fused(conv, 3));
            Add("com.microsoft.nchwc", "Conv", new Fused(conv, 3));
        }
        if (r.Find("", "Gemm") is { } gemm) Add("com.microsoft", "FusedGemm", new Fused(gemm, -1));
        if (r.Find("", "MatMul") is { } matmul) Add("com.microsoft", "FusedMatMul", new Fused(matmul, -1));
        foreach (var op in new[] { "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool" })
            if (r.Find("", op) is { } pool) Add("com.microsoft.nchwc", op, pool);
        Add("com.microsoft.nchwc", "ReorderInput", new Reorder(input: true));
        Add("com.microsoft.nchwc", "ReorderOutput", new Reorder(input: false));
        return r;
    }

    /// <summary>A plain op with a fused activation and optionally a fused Sum input at <paramref name="sumInput"/>.</summary>
    sealed class Fused(IOpRule inner, int sumInput) : IOpRule
    {
        public void Infer(OpContext ctx) => inner.Infer(ctx);

        public OpCost Cost(OpContext ctx)
        {
            var c = inner.Cost(ctx);
            var outputs = ctx.OutputElements(0);
            long extra = (ctx.Node.GetString("activation", "").Length > 0 ? outputs : 0) + (sumInput >= 0 && ctx.HasInput(sumInput) ? outputs : 0);
            return c with { Flops = checked(c.Flops + extra) };
        }
    }

    /// <summary>ReorderInput (NCHW → NCHWc, channels padded to the block) and ReorderOutput (back, to <c>channels</c>).</summary>
    sealed class Reorder(bool input) : IOpRule
    {
        public void Infer(OpContext ctx)
        {
            var x = ctx.RequireShape(0);
            if (x.Rank < 3) throw OpContext.Fail($"input rank {x.Rank} < 3");
            var dims = x.Dims.ToArray();
            if (input)
            {
                var channelsLast = ctx.Node.GetInt("channels_last", 0) != 0;
                var c = channelsLast ? dims[^1] : dims[1];
                Dim padded = c.IsKnown ? Dim.Of((c.Value + NchwcBlock - 1) / NchwcBlock * NchwcBlock) : c;
                dims = channelsLast ? [dims[0], padded, .. dims[1..^1]] : [dims[0], padded, .. dims[2..]];
            }
            else
            {
                var channels = ctx.Node.GetInt("channels", 0);
                if (channels > 0) dims[1] = Dim.Of(channels);
                if (ctx.Node.GetInt("channels_last", 0) != 0) dims = [dims[0], .. dims[2..], dims[1]];
            }
            ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
        }

        public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.DataMovement);
    }
}

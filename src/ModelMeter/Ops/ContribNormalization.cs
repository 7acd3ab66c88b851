using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// com.microsoft SkipLayerNormalization (input, skip, gamma, beta?, bias?) and SkipSimplifiedLayerNormalization
/// (input, skip, gamma, bias?): output and input_skip_bias_sum (output 3) like the input; mean (1) and inv_std_var (2)
/// are the input's shape with the hidden axis 1, float. FLOPs per element: the skip add (+1 with bias) and the
/// normalisation (LayerNormalization: 7, or 6 without beta; simplified RMS: 4).
/// </summary>
internal sealed class SkipLayerNormRule : IOpRule
{
    private static bool Simplified(OpContext ctx) => ctx.Node.OpType == "SkipSimplifiedLayerNormalization";

    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 2) throw OpContext.Fail($"input must be 2-D or 3-D, got {x}");
        var t = OpUtil.Like(ctx, 0, x);
        ctx.SetOutput(0, t);
        var stats = TensorType.Of(DataType.Float, new Shape([.. x.Dims.Take(x.Rank - 1), Dim.Of(1)]));
        if (ctx.HasOutput(1)) ctx.SetOutput(1, stats);
        if (ctx.HasOutput(2)) ctx.SetOutput(2, stats);
        if (ctx.HasOutput(3)) ctx.SetOutput(3, t);
    }

    public OpCost Cost(OpContext ctx)
    {
        bool simplified = Simplified(ctx);
        int biasAt = simplified ? 3 : 4;
        long per = 1 + (ctx.HasInput(biasAt) ? 1 : 0) + (simplified ? 4 : ctx.HasInput(3) ? 7 : 6);
        int[] weights = simplified ? [2, 3] : [2, 3, 4];
        return OpCost.PerElement(ctx.InputElements(0), per, OpClass.Normalization) with { WeightInputs = weights };
    }
}

/// <summary>
/// SimplifiedLayerNormalization (RMS norm as ONNX Runtime registers it, in the default and com.microsoft domains):
/// Y like X; inv_std_var (output 1) has X's shape with the axes from <c>axis</c> on set to 1. 4 FLOPs per element.
/// </summary>
internal sealed class SimplifiedLayerNormRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        ctx.SetOutput(0, OpUtil.Like(ctx, 0, x));
        if (ctx.HasOutput(1))
        {
            int axis = ShapeMath.Axis(ctx.Node.GetInt("axis", -1), x.Rank);
            var stash = OpUtil.DType(ctx.Node.GetInt("stash_type", (long)DataType.Float));
            ctx.SetOutput(1, TensorType.Of(stash, new Shape(x.Dims.Select((d, i) => i < axis ? d : Dim.Of(1)))));
        }
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.InputElements(0), 4, OpClass.Normalization) with { WeightInputs = [1] };
}

/// <summary>
/// com.microsoft EmbedLayerNormalization: input_ids [B,S] (int32), segment_ids?, word_embedding [V,H],
/// position_embedding [P,H], segment_embedding?, gamma, beta, mask?, position_ids? → output [B,S,H] (the embeddings'
/// type), mask_index [B] (int32), embedding_sum [B,S,H]. FLOPs per output element: one add per extra embedding and the
/// LayerNormalization's 7; the lookups are data movement.
/// </summary>
internal sealed class EmbedLayerNormRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var ids = ctx.RequireShape(0);
        var word = ctx.RequireShape(2);
        if (ids.Rank != 2 || word.Rank != 2) throw OpContext.Fail($"expected input_ids [B,S] and word_embedding [V,H], got {ids} and {word}");
        var h = word[1].IsKnown ? word[1] : ctx.InputShape(5) is { Rank: 1 } g ? g[0] : word[1];
        var t = TensorType.Of(ctx.InputElementType(2), new Shape([ids[0], ids[1], h]));
        ctx.SetOutput(0, t);
        if (ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(DataType.Int32, new Shape([ids[0]])));
        if (ctx.HasOutput(2)) ctx.SetOutput(2, t);
    }

    public OpCost Cost(OpContext ctx)
    {
        long per = 1 + (ctx.HasInput(4) ? 1 : 0) + 7;
        return OpCost.PerElement(ctx.OutputElements(0), per, OpClass.Normalization) with { WeightInputs = [2, 3, 4, 5, 6] };
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Ops;

/// <summary>
/// BatchNormalization. Params: scale and B (inputs 1, 2); buffers: running mean and variance (inputs 3, 4).
/// Training-mode outputs (opset ≥ 14: running_mean, running_var; opset &lt; 14: mean, var, saved_mean, saved_var)
/// have shape [C]. FLOPs: 2 per element in inference (a fused scale and shift); 6 per element in training mode
/// (mean: 1 add; variance: subtract, square, add; scale and shift: 2).
/// </summary>
public sealed class BatchNormalization : IOpRule
{
    /// <summary>FLOPs per element in inference: y = x·s' + b' with the statistics folded into s' and b'.</summary>
    public const long InferenceFlopsPerElement = 2;

    /// <summary>FLOPs per element in training mode: batch mean (1), variance (3), scale and shift (2).</summary>
    public const long TrainingFlopsPerElement = 6;

    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        if (x.Rank < 2) throw OpContext.Fail($"input rank {x.Rank} < 2 (expected [N,C,…])");
        for (int i = 1; i <= 4; i++)
        {
            if (ctx.InputShape(i) is not { } s) throw OpContext.Fail($"shape of input {i} ('{ctx.Node.InputAt(i)}') is not known");
            if (s.Rank == 1 && s[0].IsKnown && x[1].IsKnown && s[0].Value != x[1].Value)
                throw OpContext.Fail($"input {i} has {s[0]} elements, input has {x[1]} channels");
        }
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), x));
        var statType = ctx.InputElementType(3) is var t && t != DataType.Undefined ? t : ctx.InputElementType(1);
        for (int i = 1; i < ctx.OutputCount; i++)
            if (ctx.HasOutput(i)) ctx.SetOutput(i, TensorType.Of(statType, new Shape([x[1]])));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        bool training = ctx.Opset >= 14
            ? ctx.Node.GetInt("training_mode", 0) != 0
            : Enumerable.Range(1, Math.Max(0, ctx.OutputCount - 1)).Any(i => ctx.HasOutput(i));
        var perElement = training ? TrainingFlopsPerElement : InferenceFlopsPerElement;
        return OpCost.PerElement(ctx.OutputElements(0), perElement, OpClass.Normalization) with
        {
            WeightInputs = [1, 2],
            BufferInputs = [3, 4],
        };
    }
}

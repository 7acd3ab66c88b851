using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Ops;

/// <summary>
/// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss: reduction none → the target's shape, else a scalar;
/// SoftmaxCrossEntropyLoss's optional log_prob output has the scores' shape.
/// </summary>
internal sealed class LossRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var et = ctx.InputElementType(0);
        var none = ctx.Node.GetString("reduction", "mean") == "none";
        ctx.SetOutput(0, TensorType.Of(et, none ? ctx.RequireShape(1) : Shape.Scalar));
        if (ctx.HasOutput(1)) ctx.SetOutput(1, TensorType.Of(et, ctx.InputShape(0)));
    }

    public OpCost Cost(OpContext ctx) => ctx.Node.OpType == "SoftmaxCrossEntropyLoss"
        ? OpCost.PerElement(ctx.InputElements(0), FlopTable.Transcendental * 2 + 3, OpClass.Normalization)
        : OpCost.PerElement(ctx.InputElements(1), 2, OpClass.Reduce);
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// Softmax, LogSoftmax, Hardmax: output has the input's shape. The axis (default 1 before opset 13, -1 from 13) only
/// matters for validation. Softmax costs exp + max + sum + div per element (LogSoftmax: log instead of div).
/// </summary>
internal sealed class SoftmaxRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var t = ctx.InputType(0) ?? TensorType.Unknown;
        if (t.Shape is { } s && s.Rank > 0) ShapeMath.Axis(ctx.Node.GetInt("axis", ctx.Opset < 13 ? 1 : -1), s.Rank);
        ctx.SetOutput(0, t);
    }

    public OpCost Cost(OpContext ctx)
    {
        long per = ctx.Node.OpType switch
        {
            "Hardmax" => 2, // max search + write
            "LogSoftmax" => FlopTable.Transcendental + 3, // max, sub, exp, sum (+ log per row, amortised)
            _ => FlopTable.Transcendental + 3 + FlopTable.Div, // max, sub, exp, sum, div
        };
        return OpCost.PerElement(ctx.OutputElements(0), per, OpClass.Normalization);
    }
}

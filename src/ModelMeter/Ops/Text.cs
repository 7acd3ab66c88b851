using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>String ops and ai.onnx.ml / training ops (optimizers, Gradient) that appear in the backend suite: shapes only, no FLOPs counted.</summary>
internal sealed class TextAndMlRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var n = ctx.Node;
        switch (n.OpType)
        {
            case "StringNormalizer":
                var s = ctx.RequireShape(0);
                bool drops = n.GetInts("stopwords") is not null || (n.Attr("stopwords")?.Strings.Count ?? 0) > 0;
                ctx.SetOutput(0, TensorType.Of(DataType.String, drops ? new Shape(s.Dims.Take(s.Rank - 1).Append(ctx.DataDependentDim(0, s.Rank - 1))) : s));
                break;
            case "StringConcat":
                ctx.SetOutput(0, TensorType.Of(DataType.String, ShapeMath.Broadcast(ctx.RequireShape(0), ctx.RequireShape(1))));
                break;
            case "RegexFullMatch":
                ctx.SetOutput(0, TensorType.Of(DataType.Bool, ctx.InputShape(0)));
                break;
            case "StringSplit":
                var x = ctx.RequireShape(0);
                ctx.SetOutput(0, TensorType.Of(DataType.String, new Shape(x.Dims.Append(ctx.DataDependentDim(0, x.Rank)))));
                ctx.SetOutput(1, TensorType.Of(DataType.Int64, x));
                break;
            case "TfIdfVectorizer":
                var t = ctx.RequireShape(0);
                long width = (n.GetInts("ngram_indexes")?.DefaultIfEmpty(-1).Max() ?? -1) + 1;
                ctx.SetOutput(0, TensorType.Of(DataType.Float, t.Rank == 1 ? new Shape([width]) : new Shape([t[0], width])));
                break;
            case "LabelEncoder":
                var et = n.Attr("values_strings") is not null ? DataType.String : n.Attr("values_int64s") is not null ? DataType.Int64
                    : n.Attr("values_floats") is not null ? DataType.Float : n.Attr("values_tensor")?.T?.DataType ?? DataType.Undefined;
                ctx.SetOutput(0, TensorType.Of(et, ctx.InputShape(0)));
                break;
            case "TreeEnsemble":
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, new Shape([ctx.RequireShape(0)[0], n.GetInt("n_targets", 1)])));
                break;
            case "ArrayFeatureExtractor":
                var a = ctx.RequireShape(0);
                var idx = ctx.RequireShape(1).Elements();
                ctx.SetOutput(0, OpUtil.Like(ctx, 0, a.Rank == 1 ? new Shape([1, idx]) : new Shape(a.Dims.Take(a.Rank - 1).Append(idx))));
                break;
            case "Gradient": // inputs are the xs then the zs; output i is dy/dxs[i], shaped like xs[i]
                for (int i = 0; i < ctx.OutputCount; i++) ctx.SetOutput(i, ctx.InputType(i) ?? TensorType.Unknown);
                break;
            default: // optimizers: inputs R, T, then k groups of n tensors; outputs come in groups mirroring X
                int k = n.OpType == "Adam" ? 4 : 3;
                int count = (ctx.InputCount - 2) / k;
                for (int i = 0; i < ctx.OutputCount; i++) ctx.SetOutput(i, ctx.InputType(2 + (count == 0 ? 0 : i % count)) ?? TensorType.Unknown);
                break;
        }
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Other);
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// RNN / GRU / LSTM. X = [seq, batch, input] (layout 1: [batch, seq, input]); W = [dirs, gates·hidden, input].
/// Outputs Y = [seq, dirs, batch, hidden] (layout 1: [batch, seq, dirs, hidden]), Y_h (and LSTM Y_c) = [dirs, batch, hidden]
/// (layout 1: [batch, dirs, hidden]). MACs = seq·dirs·batch·gates·hidden·(input + hidden) (W·x and R·h per step);
/// FLOPs = 2·MACs + per hidden unit per step: biases and the gate nonlinearities (docs/counting.md).
/// </summary>
internal sealed class RecurrentRule : IOpRule
{
    private static int Gates(string op) => op switch { "LSTM" => 4, "GRU" => 3, _ => 1 };

    private static (Dim Seq, Dim Batch, Dim Input, Dim Dirs, Dim Hidden) Dims(OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        bool l1 = ctx.Node.GetInt("layout", 0) == 1;
        Dim hidden = ctx.Node.Attr("hidden_size") is { } h ? h.I : w[1] / Gates(ctx.Node.OpType);
        return (l1 ? x[1] : x[0], l1 ? x[0] : x[1], x[2], w[0], hidden);
    }

    public void Infer(OpContext ctx)
    {
        var (seq, batch, _, dirs, hidden) = Dims(ctx);
        bool l1 = ctx.Node.GetInt("layout", 0) == 1;
        var et = ctx.InputElementType(0);
        ctx.SetOutput(0, TensorType.Of(et, l1 ? new Shape([batch, seq, dirs, hidden]) : new Shape([seq, dirs, batch, hidden])));
        var state = TensorType.Of(et, l1 ? new Shape([batch, dirs, hidden]) : new Shape([dirs, batch, hidden]));
        ctx.SetOutput(1, state);
        ctx.SetOutput(2, state);
    }

    public OpCost Cost(OpContext ctx)
    {
        var (seq, batch, input, dirs, hidden) = Dims(ctx);
        var op = ctx.Node.OpType;
        int g = Gates(op);
        Count steps = checked(ctx.Eval(seq) * ctx.Eval(dirs) * ctx.Eval(batch));
        Count h = ctx.Eval(hidden);
        Count macs = checked(steps * g * h * (ctx.Eval(input) + h));
        long sig = FlopTable.PerElement("Sigmoid"), tanh = FlopTable.Transcendental;
        long perUnit = op switch
        {
            "LSTM" => 3 * sig + 2 * tanh + 2 * g + 4, // biases, f·c + i·g, o·tanh(c)
            "GRU" => 2 * sig + tanh + 2 * g + 5,      // biases, r·(Rh), (1-z)·n + z·h
            _ => tanh + 2,
        };
        return new OpCost
        {
            Macs = macs,
            Flops = checked(2 * macs + steps * h * perUnit),
            Class = OpClass.Gemm,
            WeightInputs = [1, 2, 3],
        };
    }
}

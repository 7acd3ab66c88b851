using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;

namespace ModelMeter.Ops;

/// <summary>
/// ConvTranspose (output_padding, output_shape, strides, dilations, pads, auto_pad, group).
/// MACs are counted per input element: N·C_in·spatial_in·(C_out/g)·prod(kernel) (every input element is multiplied
/// by each of its (C_out/g)·prod(kernel) weights once; no stride factor). FLOPs = 2·MACs + one per output element for a bias.
/// </summary>
public sealed class ConvTranspose : IOpRule
{
    /// <inheritdoc/>
    public void Infer(OpContext ctx)
    {
        var (x, w, spatial, group) = Window.ConvInputs(ctx);
        if (x[1].IsKnown && w[0].IsKnown && x[1].Value != w[0].Value)
            throw OpContext.Fail($"input has {x[1]} channels but weight has {w[0]}");
        var win = Window.Read(ctx.Node, spatial, w.TryValues()?[2..]);
        var outPad = ctx.Node.GetInts("output_padding")?.ToArray() ?? Window.Fill(spatial, 0);
        if (outPad.Length != spatial) throw OpContext.Fail($"output_padding has {outPad.Length} values, expected {spatial}");
        var outShape = ctx.Node.GetInts("output_shape")?.ToArray();
        var dims = new List<Dim> { x[0], w[1] * group };
        if (outShape is not null)
        {
            // output_shape holds the spatial dims (some exporters write the full [N,C,…] shape)
            if (outShape.Length == spatial + 2) outShape = outShape[2..];
            if (outShape.Length != spatial) throw OpContext.Fail($"output_shape has {outShape.Length} values, expected {spatial}");
            dims.AddRange(outShape.Select(v => Dim.Of(v)));
        }
        else
        {
            for (int i = 0; i < spatial; i++)
            {
                Dim full = x[i + 2] - 1;
                full = full * win.Strides[i] + outPad[i] + win.Extent(i);
                dims.Add(win.AutoPad switch
                {
                    "SAME_UPPER" or "SAME_LOWER" => x[i + 2] * win.Strides[i],
                    "VALID" => full,
                    _ => full - win.Pads[i] - win.Pads[i + spatial],
                });
            }
        }
        foreach (var d in dims.Skip(2))
            if (d.IsKnown && d.Value <= 0) throw OpContext.Fail($"output spatial size {d} is not positive");
        ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape(dims)));
    }

    /// <inheritdoc/>
    public OpCost Cost(OpContext ctx)
    {
        var w = ctx.RequireShape(1);
        Count inElements = ctx.InputElements(0);
        // per input element: (C_out/g)·prod(kernel) = the weight's dims after the first
        Count perInput = 1;
        for (int i = 1; i < w.Rank; i++) perInput = checked(perInput * ctx.Eval(w[i]));
        Count macs = checked(inElements * perInput);
        Count flops = checked(2 * macs + (ctx.HasInput(2) ? ctx.OutputElements(0) : 0));
        return new OpCost { Macs = macs, Flops = flops, Class = OpClass.Conv, WeightInputs = [1, 2] };
    }
}

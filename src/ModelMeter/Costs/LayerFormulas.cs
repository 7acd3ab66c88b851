using System.Globalization;
using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>
/// The seed chapter's per-layer formulas (k = kernel, c_in/c_out = channels, H×W = output size, g = groups):
/// Params = k_h·k_w·c_in·c_out / g, MACs = Params·H·W (bias not counted unless asked), FLOPs = 2·MACs (+ c_out·H·W for
/// a bias), memory access (ShuffleNet V2's MAC) = (input + weights + output elements) × element size, for one sample.
/// </summary>
public static class LayerFormulas
{
    /// <summary>Standard convolution.</summary>
    public static LayerResult Conv(long cIn, long cOut, long kernelH, long kernelW, long outH, long outW, LayerOptions options = default)
        => Compute(LayerKind.Conv, cIn, cOut, kernelH, kernelW, outH, outW, 1, options);

    /// <summary>Group convolution with <paramref name="groups"/> groups (c_in and c_out divisible by g).</summary>
    public static LayerResult GroupConv(long cIn, long cOut, long kernelH, long kernelW, long outH, long outW, long groups, LayerOptions options = default)
        => Compute(LayerKind.GroupConv, cIn, cOut, kernelH, kernelW, outH, outW, groups, options);

    /// <summary>Depth-wise convolution over <paramref name="channels"/> channels (c_in = c_out = g).</summary>
    public static LayerResult DepthwiseConv(long channels, long kernelH, long kernelW, long outH, long outW, LayerOptions options = default)
        => Compute(LayerKind.DepthwiseConv, channels, channels, kernelH, kernelW, outH, outW, channels, options);

    /// <summary>Fully connected layer.</summary>
    public static LayerResult FullyConnected(long cIn, long cOut, LayerOptions options = default)
        => Compute(LayerKind.FullyConnected, cIn, cOut, 1, 1, 1, 1, 1, options);

    private static LayerResult Compute(LayerKind kind, long cIn, long cOut, long kh, long kw, long h, long w, long g, LayerOptions o)
    {
        long stride = o.Stride ?? 1;
        var dt = o.DataType ?? DataType.Float;
        Positive(("c_in", cIn), ("c_out", cOut), ("kernel height", kh), ("kernel width", kw), ("output height", h), ("output width", w), ("groups", g), ("stride", stride));
        if (cIn % g != 0 || cOut % g != 0)
            throw ModelMeterException.Usage($"groups {g} must divide c_in {cIn} and c_out {cOut}");
        bool fc = kind == LayerKind.FullyConnected, dw = kind == LayerKind.DepthwiseConv, grouped = kind == LayerKind.GroupConv;
        long inH = o.InputHeight ?? checked(h * stride), inW = o.InputWidth ?? checked(w * stride);
        Positive(("input height", inH), ("input width", inW));
        checked
        {
            long weights = dw ? kh * kw * cOut : kh * kw * cIn * cOut / g;
            long param = weights + (o.Bias ? cOut : 0);
            long macs = weights * h * w;
            long outElements = cOut * h * w;
            long flops = 2 * macs + (o.Bias ? outElements : 0);
            long inElements = fc ? cIn : cIn * inH * inW;
            long inBytes = DataTypes.Bytes(dt, inElements);
            long weightBytes = DataTypes.Bytes(dt, param);
            long outBytes = DataTypes.Bytes(dt, outElements);

            string wf = fc ? "c_in·c_out" : dw ? "k_h·k_w·c_out" : grouped ? "k_h·k_w·c_in·c_out / g" : "k_h·k_w·c_in·c_out";
            string ws = fc ? J(cIn, cOut) : dw ? J(kh, kw, cOut) : grouped ? $"{J(kh, kw, cIn, cOut)} / {g}" : J(kh, kw, cIn, cOut);
            string mf = fc ? "c_in·c_out" : dw ? "k_h·k_w·c_out·H·W" : grouped ? "k_h·k_w·c_in·c_out·H·W / g" : "k_h·k_w·c_in·c_out·H·W";
            string ms = fc ? J(cIn, cOut) : dw ? J(kh, kw, cOut, h, w) : grouped ? $"{J(kh, kw, cIn, cOut, h, w)} / {g}" : J(kh, kw, cIn, cOut, h, w);
            string outF = fc ? "c_out" : "c_out·H·W", outS = fc ? N(cOut) : J(cOut, h, w);
            string inF = fc ? "c_in" : "c_in·H_in·W_in", inS = fc ? N(cIn) : J(cIn, inH, inW);
            double elementBytes = DataTypes.Bits(dt) / 8.0;
            string eb = elementBytes.ToString("0.###", CultureInfo.InvariantCulture);
            var quantities = new List<LayerQuantity>
            {
                new("Params", o.Bias ? $"{wf} + c_out" : wf, o.Bias ? $"{ws} + {N(cOut)}" : ws, param, ""),
                new("MACs", mf, ms, macs, ""),
                new("FLOPs", o.Bias ? $"2·MACs + {outF}" : "2·MACs", o.Bias ? $"2·{N(macs)} + {outS}" : $"2·{N(macs)}", flops, ""),
                new("Memory access", $"({inF} + Params + {outF})·bytes", $"({inS} + {N(param)} + {outS})·{eb}", inBytes + weightBytes + outBytes, "B"),
            };
            return new LayerResult(kind, param, macs, flops, inBytes, weightBytes, outBytes, quantities);
        }
    }

    private static string N(long v) => LayerResult.Format(v);

    private static string J(params long[] values) => string.Join("·", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static void Positive(params (string Name, long Value)[] values)
    {
        foreach (var (name, value) in values)
            if (value <= 0) throw ModelMeterException.Usage($"{name} must be a positive number, got {value}");
    }
}

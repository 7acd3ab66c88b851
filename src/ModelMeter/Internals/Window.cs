using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Internals;

/// <summary>
/// Sliding-window geometry shared by Conv, ConvTranspose and the pooling ops: kernel, strides, dilations, pads and
/// auto_pad, resolved for a given number of spatial dims.
/// </summary>
internal sealed class Window
{
    private Window(long[] kernel, long[] strides, long[] dilations, long[] pads, string autoPad)
    {
        Kernel = kernel;
        Strides = strides;
        Dilations = dilations;
        Pads = pads;
        AutoPad = autoPad;
    }

    public long[] Kernel { get; }
    public long[] Strides { get; }
    public long[] Dilations { get; }
    /// <summary>Begin pads then end pads (2·spatial values); for SAME_* they are computed per input in <see cref="Output"/>.</summary>
    public long[] Pads { get; }
    public string AutoPad { get; }
    public int Spatial => Kernel.Length;

    /// <summary>Reads the window attributes of <paramref name="node"/>; <paramref name="kernel"/> from the weight when the attribute is absent.</summary>
    public static Window Read(Node node, int spatial, long[]? kernel)
    {
        var k = node.GetInts("kernel_shape")?.ToArray() ?? kernel ?? throw new ShapeException("kernel_shape is not known");
        if (k.Length != spatial) throw new ShapeException($"kernel_shape has {k.Length} dims, input has {spatial} spatial dims");
        var s = node.GetInts("strides")?.ToArray() ?? Fill(spatial, 1);
        var d = node.GetInts("dilations")?.ToArray() ?? Fill(spatial, 1);
        var p = node.GetInts("pads")?.ToArray() ?? Fill(2 * spatial, 0);
        if (s.Length != spatial) throw new ShapeException($"strides has {s.Length} values, expected {spatial}");
        if (d.Length != spatial) throw new ShapeException($"dilations has {d.Length} values, expected {spatial}");
        if (p.Length != 2 * spatial) throw new ShapeException($"pads has {p.Length} values, expected {2 * spatial}");
        if (s.Any(v => v <= 0) || d.Any(v => v <= 0) || k.Any(v => v <= 0)) throw new ShapeException("kernel, strides and dilations must be positive");
        if (p.Any(v => v < 0)) throw new ShapeException("pads must not be negative");
        var auto = node.GetString("auto_pad", "NOTSET");
        if (auto.Length == 0) auto = "NOTSET";
        if (auto is not ("NOTSET" or "VALID" or "SAME_UPPER" or "SAME_LOWER")) throw new ShapeException($"unknown auto_pad '{auto}'");
        return new Window(k, s, d, p, auto);
    }

    public static long[] Fill(int n, long v) => Enumerable.Repeat(v, n).ToArray();

    /// <summary>Effective (dilated) kernel extent along axis <paramref name="i"/>.</summary>
    public long Extent(int i) => checked((Kernel[i] - 1) * Dilations[i] + 1);

    /// <summary>Product of the kernel dims.</summary>
    public long KernelSize => ShapeMath.Product(Kernel);

    /// <summary>
    /// Output length along axis <paramref name="i"/> of a convolution/pooling window over <paramref name="input"/>.
    /// With <paramref name="ceil"/> the last partial window counts, unless it would start inside the end padding.
    /// </summary>
    public Dim Output(int i, Dim input, bool ceil = false)
    {
        long s = Strides[i], e = Extent(i);
        switch (AutoPad)
        {
            case "SAME_UPPER":
            case "SAME_LOWER":
                return input.CeilDiv(s);
            case "VALID":
                return Floor(input - e, s, ceil) + 1;
        }
        var padded = input + Pads[i] + Pads[i + Spatial];
        var span = padded - e;
        if (span.IsKnown && span.Value < 0) throw new ShapeException($"window extent {e} exceeds padded input {padded} on spatial axis {i}");
        var o = Floor(span, s, ceil) + 1;
        // ceil mode: the last window must start inside the input or the begin padding: (o-1)·s < input + pad_begin
        if (ceil && o.IsKnown && input.IsKnown) { if ((o.Value - 1) * s >= input.Value + Pads[i]) o = o.Value - 1; }
        else if (ceil && s > 1) o = Dim.Min(o, Dim.FloorDiv(input + Pads[i] - 1, s) + 1);
        return o;
    }

    private static Dim Floor(Dim span, long s, bool ceil)
    {
        if (s == 1) return span;
        return ceil ? span.CeilDiv(s) : span.FloorDiv(s);
    }

    /// <summary>
    /// The checks Conv and ConvTranspose share: X and W shapes known, X of rank ≥ 3, W of the same rank, a positive group.
    /// Returns (X, W, number of spatial dims, group).
    /// </summary>
    public static (Shape X, Shape W, int Spatial, long Group) ConvInputs(Ops.OpContext ctx)
    {
        var x = ctx.RequireShape(0);
        var w = ctx.RequireShape(1);
        if (x.Rank < 3) throw Ops.OpContext.Fail($"input rank {x.Rank} < 3 (expected [N,C,spatial…])");
        if (w.Rank != x.Rank) throw Ops.OpContext.Fail($"weight rank {w.Rank} differs from input rank {x.Rank}");
        long group = ctx.Node.GetInt("group", 1);
        if (group <= 0) throw Ops.OpContext.Fail($"group {group} must be positive");
        return (x, w, x.Rank - 2, group);
    }
}

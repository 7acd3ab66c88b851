using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>Activation after a convolution block.</summary>
internal enum Act { None, Relu, Relu6, HardSwish }

/// <summary>Layer helpers shared by the zoo builders (torchvision naming: <c>PREFIX.weight</c>, <c>BN.running_mean</c>).</summary>
internal static class ZooLayers
{
    /// <summary>Conv (no bias) → BatchNormalization → activation; returns the block's output.</summary>
    public static string ConvBn(GraphBuilder b, string x, string conv, string bn, long cin, long cout, long k, long stride, long groups = 1, Act act = Act.Relu, float eps = 1e-5f)
    {
        var y = Conv(b, x, conv, cin, cout, k, stride, (k - 1) / 2, groups, bias: false);
        y = BatchNorm(b, y, bn, cout, eps);
        return Activation(b, y, act, bn + ".act");
    }

    /// <summary>A square Conv named <paramref name="conv"/> (<c>.weight</c>, and <c>.bias</c> when <paramref name="bias"/>).</summary>
    public static string Conv(GraphBuilder b, string x, string conv, long cin, long cout, long k, long stride, long pad, long groups = 1, bool bias = true)
    {
        var w = b.AddInitializer(conv + ".weight", [cout, cin / groups, k, k]);
        string[] inputs = bias ? [x, w, b.AddInitializer(conv + ".bias", [cout])] : [x, w];
        return b.Add("Conv", inputs, new Dictionary<string, object>
        {
            ["dilations"] = new long[] { 1, 1 },
            ["group"] = groups,
            ["kernel_shape"] = new[] { k, k },
            ["pads"] = new[] { pad, pad, pad, pad },
            ["strides"] = new[] { stride, stride },
        }, name: conv);
    }

    /// <summary>BatchNormalization with weight, bias, running_mean, running_var of size <paramref name="channels"/>.</summary>
    public static string BatchNorm(GraphBuilder b, string x, string bn, long channels, float eps = 1e-5f)
    {
        var scale = b.AddInitializer(bn + ".weight", [channels], Init.Positive);
        var bias = b.AddInitializer(bn + ".bias", [channels]);
        var mean = b.AddInitializer(bn + ".running_mean", [channels]);
        var var = b.AddInitializer(bn + ".running_var", [channels], Init.Positive);
        return b.Add("BatchNormalization", [x, scale, bias, mean, var], new Dictionary<string, object>
        {
            ["epsilon"] = eps,
            ["momentum"] = 0.9f,
        }, name: bn);
    }

    /// <summary>Relu, ReLU6 as Clip(0, 6) with shared scalar bounds, or HardSwish; the input itself for <see cref="Act.None"/>.</summary>
    public static string Activation(GraphBuilder b, string x, Act act, string name)
    {
        switch (act)
        {
            case Act.Relu:
                return b.Add("Relu", [x], name: name);
            case Act.Relu6:
                if (!b.Has("relu6.min")) b.AddConstant("relu6.min", DataType.Float, [], [0.0]);
                if (!b.Has("relu6.max")) b.AddConstant("relu6.max", DataType.Float, [], [6.0]);
                return b.Add("Clip", [x, "relu6.min", "relu6.max"], name: name);
            case Act.HardSwish:
                return b.Add("HardSwish", [x], name: name);
            default:
                return x;
        }
    }

    /// <summary>MaxPool with a square kernel, stride and symmetric padding.</summary>
    public static string MaxPool(GraphBuilder b, string x, string name, long k, long stride, long pad = 0, bool ceil = false) =>
        b.Add("MaxPool", [x], new Dictionary<string, object>
        {
            ["ceil_mode"] = ceil ? 1L : 0L,
            ["kernel_shape"] = new[] { k, k },
            ["pads"] = new[] { pad, pad, pad, pad },
            ["strides"] = new[] { stride, stride },
        }, name: name);

    /// <summary>Gemm y = x·Wᵀ + b (torchvision Linear: weight [out, in], bias [out]) named <paramref name="fc"/>.</summary>
    public static string Linear(GraphBuilder b, string x, string fc, long features, long outputs, string? name = null)
    {
        var w = b.AddInitializer(fc + ".weight", [outputs, features]);
        var bias = b.AddInitializer(fc + ".bias", [outputs]);
        return b.Add("Gemm", [x, w, bias], new Dictionary<string, object> { ["alpha"] = 1f, ["beta"] = 1f, ["transB"] = 1L }, name: name ?? fc);
    }

    /// <summary>Flatten(axis 1) named <paramref name="name"/>.</summary>
    public static string Flatten(GraphBuilder b, string x, string name = "flatten") =>
        b.Add("Flatten", [x], new Dictionary<string, object> { ["axis"] = 1L }, name: name);

    /// <summary>Declares <c>logits</c> [batch, classes] as the graph output.</summary>
    public static void Logits(GraphBuilder b, long classes) => b.AddOutput("logits", DataType.Float, Dim.Symbol("batch"), classes);

    /// <summary>GlobalAveragePool → Flatten → Gemm (fc, with bias) to <c>logits</c> [batch, classes].</summary>
    public static void Head(GraphBuilder b, string x, string fc, long features, long classes)
    {
        var p = b.Add("GlobalAveragePool", [x], name: "avgpool");
        Linear(b, Flatten(b, p), fc, features, classes, "logits");
        Logits(b, classes);
    }
}

namespace ModelMeter.Zoo;

/// <summary>Activation after a convolution block.</summary>
internal enum Act { None, Relu, Relu6 }

/// <summary>Layer helpers shared by the zoo builders (torchvision naming: <c>PREFIX.weight</c>, <c>BN.running_mean</c>).</summary>
internal static class ZooLayers
{
    /// <summary>Conv (no bias) → BatchNormalization → activation; returns the block's output.</summary>
    public static string ConvBn(GraphBuilder b, string x, string conv, string bn, long cin, long cout, long k, long stride, long groups = 1, Act act = Act.Relu)
    {
        var w = b.AddInitializer(conv + ".weight", [cout, cin / groups, k, k]);
        long pad = (k - 1) / 2;
        var y = b.Add("Conv", [x, w], new Dictionary<string, object>
        {
            ["dilations"] = new long[] { 1, 1 },
            ["group"] = groups,
            ["kernel_shape"] = new[] { k, k },
            ["pads"] = new[] { pad, pad, pad, pad },
            ["strides"] = new[] { stride, stride },
        }, name: conv);
        y = BatchNorm(b, y, bn, cout);
        return Activation(b, y, act, bn + ".act");
    }

    /// <summary>BatchNormalization with weight, bias, running_mean, running_var of size <paramref name="channels"/>.</summary>
    public static string BatchNorm(GraphBuilder b, string x, string bn, long channels)
    {
        var scale = b.AddInitializer(bn + ".weight", [channels], Init.Positive);
        var bias = b.AddInitializer(bn + ".bias", [channels]);
        var mean = b.AddInitializer(bn + ".running_mean", [channels]);
        var var = b.AddInitializer(bn + ".running_var", [channels], Init.Positive);
        return b.Add("BatchNormalization", [x, scale, bias, mean, var], new Dictionary<string, object>
        {
            ["epsilon"] = 1e-5f,
            ["momentum"] = 0.9f,
        }, name: bn);
    }

    /// <summary>Relu, or ReLU6 as Clip(0, 6) with shared scalar bounds; the input itself for <see cref="Act.None"/>.</summary>
    public static string Activation(GraphBuilder b, string x, Act act, string name)
    {
        switch (act)
        {
            case Act.Relu:
                return b.Add("Relu", [x], name: name);
            case Act.Relu6:
                if (!b.Has("relu6.min")) b.AddConstant("relu6.min", Graphs.DataType.Float, [], [0.0]);
                if (!b.Has("relu6.max")) b.AddConstant("relu6.max", Graphs.DataType.Float, [], [6.0]);
                return b.Add("Clip", [x, "relu6.min", "relu6.max"], name: name);
            default:
                return x;
        }
    }

    /// <summary>GlobalAveragePool → Flatten → Gemm (fc, with bias) to <c>logits</c> [batch, classes].</summary>
    public static void Head(GraphBuilder b, string x, string fc, long features, long classes)
    {
        var p = b.Add("GlobalAveragePool", [x], name: "avgpool");
        var f = b.Add("Flatten", [p], new Dictionary<string, object> { ["axis"] = 1L }, name: "flatten");
        var w = b.AddInitializer(fc + ".weight", [classes, features]);
        var bias = b.AddInitializer(fc + ".bias", [classes]);
        b.Add("Gemm", [f, w, bias], new Dictionary<string, object> { ["alpha"] = 1f, ["beta"] = 1f, ["transB"] = 1L }, name: "logits");
        b.AddOutput("logits", Graphs.DataType.Float, Graphs.Dim.Symbol("batch"), classes);
    }
}

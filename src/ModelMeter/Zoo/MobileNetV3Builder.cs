using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision MobileNetV3 large and small (width 1.0): inverted residuals with ReLU or Hardswish, squeeze-and-excitation
/// (global average pool → 1×1 conv → ReLU → 1×1 conv → HardSigmoid(1/6, 0.5) → Mul), BatchNormalization eps 0.001,
/// head conv → pool → Linear → Hardswish → Linear, 224×224.
/// </summary>
internal static class MobileNetV3Builder
{
    // kernel, expanded, out, SE (1/0), hardswish (1/0), stride
    private static readonly long[][] s_large =
    [
        [3, 16, 16, 0, 0, 1], [3, 64, 24, 0, 0, 2], [3, 72, 24, 0, 0, 1], [5, 72, 40, 1, 0, 2], [5, 120, 40, 1, 0, 1],
        [5, 120, 40, 1, 0, 1], [3, 240, 80, 0, 1, 2], [3, 200, 80, 0, 1, 1], [3, 184, 80, 0, 1, 1], [3, 184, 80, 0, 1, 1],
        [3, 480, 112, 1, 1, 1], [3, 672, 112, 1, 1, 1], [5, 672, 160, 1, 1, 2], [5, 960, 160, 1, 1, 1], [5, 960, 160, 1, 1, 1],
    ];

    private static readonly long[][] s_small =
    [
        [3, 16, 16, 1, 0, 2], [3, 72, 24, 0, 0, 2], [3, 88, 24, 0, 0, 1], [5, 96, 40, 1, 1, 2], [5, 240, 40, 1, 1, 1],
        [5, 240, 40, 1, 1, 1], [5, 120, 48, 1, 1, 1], [5, 144, 48, 1, 1, 1], [5, 288, 96, 1, 1, 2], [5, 576, 96, 1, 1, 1],
        [5, 576, 96, 1, 1, 1],
    ];

    private const float Eps = 1e-3f;

    public static Model Build(string name, bool withWeights)
    {
        bool large = name == "mobilenet_v3_large";
        var b = new GraphBuilder(name, withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        x = ZooLayers.ConvBn(b, x, "features.0.0", "features.0.1", 3, 16, 3, 2, act: Act.HardSwish, eps: Eps);
        long cin = 16;
        int f = 1;
        foreach (var s in large ? s_large : s_small)
        {
            long k = s[0], exp = s[1], cout = s[2], stride = s[5];
            var act = s[4] == 1 ? Act.HardSwish : Act.Relu;
            var p = $"features.{f++}.block";
            var y = x;
            int j = 0;
            if (exp != cin) { y = ZooLayers.ConvBn(b, y, $"{p}.{j}.0", $"{p}.{j}.1", cin, exp, 1, 1, act: act, eps: Eps); j++; }
            y = ZooLayers.ConvBn(b, y, $"{p}.{j}.0", $"{p}.{j}.1", exp, exp, k, stride, groups: exp, act: act, eps: Eps);
            j++;
            if (s[3] == 1) { y = SqueezeExcite(b, y, $"{p}.{j}", exp); j++; }
            y = ZooLayers.ConvBn(b, y, $"{p}.{j}.0", $"{p}.{j}.1", exp, cout, 1, 1, act: Act.None, eps: Eps);
            if (stride == 1 && cin == cout) y = b.Add("Add", [x, y], name: $"features.{f - 1}.add");
            x = y;
            cin = cout;
        }
        long lastConv = 6 * cin, lastChannel = large ? 1280 : 1024;
        x = ZooLayers.ConvBn(b, x, $"features.{f}.0", $"features.{f}.1", cin, lastConv, 1, 1, act: Act.HardSwish, eps: Eps);
        x = ZooLayers.Flatten(b, b.Add("GlobalAveragePool", [x], name: "avgpool"));
        x = b.Add("HardSwish", [ZooLayers.Linear(b, x, "classifier.0", lastConv, lastChannel)], name: "classifier.1");
        ZooLayers.Linear(b, x, "classifier.3", lastChannel, 1000, "logits");
        ZooLayers.Logits(b, 1000);
        return b.Build();
    }

    private static string SqueezeExcite(GraphBuilder b, string x, string p, long channels)
    {
        long squeeze = MakeDivisible(channels / 4);
        var s = b.Add("GlobalAveragePool", [x], name: p + ".avgpool");
        s = b.Add("Relu", [ZooLayers.Conv(b, s, p + ".fc1", channels, squeeze, 1, 1, 0)], name: p + ".relu");
        s = ZooLayers.Conv(b, s, p + ".fc2", squeeze, channels, 1, 1, 0);
        s = b.Add("HardSigmoid", [s], new Dictionary<string, object> { ["alpha"] = 1f / 6, ["beta"] = 0.5f }, name: p + ".scale_activation");
        return b.Add("Mul", [x, s], name: p + ".mul");
    }

    /// <summary>torchvision <c>_make_divisible(v, 8)</c>: round to a multiple of 8, at least 8, never below 90% of v.</summary>
    private static long MakeDivisible(long v)
    {
        long n = Math.Max(8, (v + 4) / 8 * 8);
        return n < 0.9 * v ? n + 8 : n;
    }
}

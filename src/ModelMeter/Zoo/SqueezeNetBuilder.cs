using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision SqueezeNet 1.0 and 1.1: Fire modules (1×1 squeeze, then 1×1 and 3×3 expand concatenated), ceil-mode
/// max pools, classifier conv 512 → 1000 + ReLU, global average pool to <c>logits</c>; all convs have a bias.
/// </summary>
internal static class SqueezeNetBuilder
{
    // (squeeze, expand) per Fire; 0 marks a 3×3/2 ceil-mode max pool
    private static readonly long[][] s_v10 = [[16, 64], [16, 64], [32, 128], [0, 0], [32, 128], [48, 192], [48, 192], [64, 256], [0, 0], [64, 256]];
    private static readonly long[][] s_v11 = [[16, 64], [16, 64], [0, 0], [32, 128], [32, 128], [0, 0], [48, 192], [48, 192], [64, 256], [64, 256]];

    public static Model Build(string name, bool withWeights)
    {
        bool v10 = name == "squeezenet1_0";
        var b = new GraphBuilder(name, withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        long cin = v10 ? 96 : 64;
        x = b.Add("Relu", [ZooLayers.Conv(b, x, "features.0", 3, cin, v10 ? 7 : 3, 2, 0)], name: "features.1");
        x = ZooLayers.MaxPool(b, x, "features.2", 3, 2, ceil: true);
        int i = 3;
        foreach (var f in v10 ? s_v10 : s_v11)
        {
            var p = $"features.{i++}";
            if (f[0] == 0)
            {
                x = ZooLayers.MaxPool(b, x, p, 3, 2, ceil: true);
                continue;
            }
            var s = b.Add("Relu", [ZooLayers.Conv(b, x, p + ".squeeze", cin, f[0], 1, 1, 0)], name: p + ".squeeze_activation");
            var e1 = b.Add("Relu", [ZooLayers.Conv(b, s, p + ".expand1x1", f[0], f[1], 1, 1, 0)], name: p + ".expand1x1_activation");
            var e3 = b.Add("Relu", [ZooLayers.Conv(b, s, p + ".expand3x3", f[0], f[1], 3, 1, 1)], name: p + ".expand3x3_activation");
            x = b.Add("Concat", [e1, e3], new Dictionary<string, object> { ["axis"] = 1L }, name: p + ".cat");
            cin = 2 * f[1];
        }
        x = b.Add("Relu", [ZooLayers.Conv(b, x, "classifier.1", cin, 1000, 1, 1, 0)], name: "classifier.2");
        x = b.Add("GlobalAveragePool", [x], name: "classifier.3");
        ZooLayers.Flatten(b, x, "logits");
        ZooLayers.Logits(b, 1000);
        return b.Build();
    }
}

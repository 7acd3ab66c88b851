using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>torchvision MobileNetV2 (width 1.0): inverted residual blocks with ReLU6, ImageNet head, 224×224.</summary>
internal static class MobileNetV2Builder
{
    // expansion t, output channels c, repeats n, first stride s
    private static readonly long[][] s_settings =
    [
        [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
    ];

    public static Model Build(bool withWeights)
    {
        var b = new GraphBuilder("mobilenet_v2", withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        x = ZooLayers.ConvBn(b, x, "features.0.0", "features.0.1", 3, 32, 3, 2, act: Act.Relu6);
        long cin = 32;
        int f = 1;
        foreach (var s in s_settings)
        {
            long t = s[0], cout = s[1], n = s[2];
            for (int i = 0; i < n; i++, f++)
            {
                long stride = i == 0 ? s[3] : 1, hidden = cin * t;
                var p = $"features.{f}.conv";
                var y = x;
                int j = 0;
                if (t != 1)
                {
                    y = ZooLayers.ConvBn(b, y, $"{p}.{j}.0", $"{p}.{j}.1", cin, hidden, 1, 1, act: Act.Relu6);
                    j++;
                }
                y = ZooLayers.ConvBn(b, y, $"{p}.{j}.0", $"{p}.{j}.1", hidden, hidden, 3, stride, groups: hidden, act: Act.Relu6);
                j++;
                y = ZooLayers.ConvBn(b, y, $"{p}.{j}", $"{p}.{j + 1}", hidden, cout, 1, 1, act: Act.None);
                if (stride == 1 && cin == cout) y = b.Add("Add", [x, y], name: $"features.{f}.add");
                x = y;
                cin = cout;
            }
        }
        x = ZooLayers.ConvBn(b, x, $"features.{f}.0", $"features.{f}.1", cin, 1280, 1, 1, act: Act.Relu6);
        ZooLayers.Head(b, x, "classifier.1", 1280, 1000);
        return b.Build();
    }
}

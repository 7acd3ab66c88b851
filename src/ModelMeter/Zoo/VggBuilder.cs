using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision VGG without batch norm (configurations A = vgg11, D = vgg16): 3×3 convs with bias and ReLU, 2×2 max
/// pools, classifier 25088 → 4096 → 4096 → 1000. At 224×224 the features are already 7×7, so the adaptive average pool
/// is the identity and is left out (as ONNX exports do); dropout is an inference no-op and left out.
/// </summary>
internal static class VggBuilder
{
    private const long M = 0; // max pool marker

    public static Model Build(string name, bool withWeights)
    {
        long[] cfg = name switch
        {
            "vgg11" => [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
            "vgg16" => [64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M],
            _ => throw new ArgumentException($"unknown VGG '{name}'", nameof(name)),
        };
        var b = new GraphBuilder(name, withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        long cin = 3;
        for (int i = 0; i < cfg.Length; i++)
        {
            if (cfg[i] == M)
            {
                x = ZooLayers.MaxPool(b, x, $"features.{i}", 2, 2);
                continue;
            }
            x = ZooLayers.Conv(b, x, $"features.{i}", cin, cfg[i], 3, 1, 1);
            x = b.Add("Relu", [x], name: $"features.{i}.relu");
            cin = cfg[i];
        }
        Classifier(b, ZooLayers.Flatten(b, x), 512 * 7 * 7, [0, 3, 6]);
        return b.Build();
    }

    /// <summary>Linear → ReLU → Linear → ReLU → Linear to <c>logits</c>, torchvision names <c>classifier.N</c> at <paramref name="at"/>.</summary>
    internal static void Classifier(GraphBuilder b, string x, long features, int[] at)
    {
        x = b.Add("Relu", [ZooLayers.Linear(b, x, $"classifier.{at[0]}", features, 4096)], name: $"classifier.{at[0]}.relu");
        x = b.Add("Relu", [ZooLayers.Linear(b, x, $"classifier.{at[1]}", 4096, 4096)], name: $"classifier.{at[1]}.relu");
        ZooLayers.Linear(b, x, $"classifier.{at[2]}", 4096, 1000, "logits");
        ZooLayers.Logits(b, 1000);
    }
}

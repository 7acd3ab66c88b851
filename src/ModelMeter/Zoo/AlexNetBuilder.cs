using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision AlexNet (the one-GPU variant: 64/192/384/256/256 channels), ImageNet head, 224×224. The 6×6 adaptive
/// average pool is the identity at this size and dropout is an inference no-op; both are left out.
/// </summary>
internal static class AlexNetBuilder
{
    public static Model Build(bool withWeights)
    {
        var b = new GraphBuilder("alexnet", withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        x = Block(b, x, 0, 3, 64, 11, 4, 2);
        x = ZooLayers.MaxPool(b, x, "features.2", 3, 2);
        x = Block(b, x, 3, 64, 192, 5, 1, 2);
        x = ZooLayers.MaxPool(b, x, "features.5", 3, 2);
        x = Block(b, x, 6, 192, 384, 3, 1, 1);
        x = Block(b, x, 8, 384, 256, 3, 1, 1);
        x = Block(b, x, 10, 256, 256, 3, 1, 1);
        x = ZooLayers.MaxPool(b, x, "features.12", 3, 2);
        VggBuilder.Classifier(b, ZooLayers.Flatten(b, x), 256 * 6 * 6, [1, 4, 6]);
        return b.Build();
    }

    private static string Block(GraphBuilder b, string x, int i, long cin, long cout, long k, long stride, long pad) =>
        b.Add("Relu", [ZooLayers.Conv(b, x, $"features.{i}", cin, cout, k, stride, pad)], name: $"features.{i + 1}");
}

using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// Built-in architectures (torchvision definitions, ImageNet heads, input <c>input</c> [batch,3,224,224], output
/// <c>logits</c> [batch,1000], BatchNormalization kept as separate nodes).
/// </summary>
public static class ModelZoo
{
    /// <summary>Names of the built-in models.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mobilenet_v2", "resnet18", "resnet50"];

    /// <summary>
    /// Builds <paramref name="name"/> (<c>resnet50</c> or <c>zoo:resnet50</c>). Without <paramref name="withWeights"/>
    /// initializers have dims but no payload (enough for analysis); with it they hold deterministic pseudo-random float32
    /// values, so the model can be exported and run. An unknown name is a usage error listing the names.
    /// </summary>
    public static Model Build(string name, bool withWeights = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.StartsWith("zoo:", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;
        return key.ToLowerInvariant() switch
        {
            "resnet18" => ResNet.Build("resnet18", false, [2, 2, 2, 2], withWeights),
            "resnet50" => ResNet.Build("resnet50", true, [3, 4, 6, 3], withWeights),
            "mobilenet_v2" => MobileNetV2.Build(withWeights),
            _ => throw ModelMeterException.Usage($"unknown zoo model '{name}' (built-in: {string.Join(", ", Names)})"),
        };
    }
}

using ModelMeter.Costs;
using ModelMeter.Roofline;

namespace ModelMeter.Runtime;

/// <summary>Roofline input from a model profile.</summary>
public static class RooflineNodes
{
    /// <summary>One roofline node per counted node of <paramref name="profile"/> (uncounted nodes are left out).</summary>
    public static IReadOnlyList<RooflineNode> From(ModelProfile profile)
        => [.. profile.Nodes.Where(n => n.Counted).Select(n => new RooflineNode(n.Name, n.OpType, n.Class, n.Precision, n.Flops, n.BytesRead, n.BytesWritten, n.WeightBytes))];
}

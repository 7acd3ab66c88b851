namespace ModelMeter.Engines;

/// <summary>A node that runs no kernel of its own under an engine, and why.</summary>
/// <param name="Node">Node name.</param>
/// <param name="OpType">Op type.</param>
/// <param name="Reason">Why: <c>metadata</c>, <c>view</c>, <c>transpose folded</c>, <c>dequantize absorbed</c>.</param>
public readonly record struct FoldedNode(string Node, string OpType, string Reason);

/// <summary>The kernels an engine runs for one model, and the nodes that run none.</summary>
/// <param name="Engine">Engine id.</param>
/// <param name="Kernels">Kernels in execution order.</param>
/// <param name="Folded">Nodes with no kernel (metadata, views, folded layouts, absorbed dequantize).</param>
/// <param name="CountedAtBatch">The batch size the model was counted at.</param>
public sealed record KernelPlan(string Engine, IReadOnlyList<Kernel> Kernels, IReadOnlyList<FoldedNode> Folded, int CountedAtBatch = 1)
{
    /// <summary>Model weight bytes (distinct), from the profile.</summary>
    public double? WeightBytes { get; init; }
    /// <summary>Peak live activation bytes, from the profile.</summary>
    public double? PeakActivationBytes { get; init; }
    /// <summary>Bytes of the graph's inputs and outputs at the counted batch (what a host↔device copy moves per run).</summary>
    public double IoBytes { get; init; }
}

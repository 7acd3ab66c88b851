using ModelMeter.Shapes;

namespace ModelMeter.Costs;

/// <summary>
/// What a rule counts for one node: multiply-accumulates, floating-point operations, the kernel class, and the roles
/// of its inputs for parameter counting. Bytes read/written are derived by the costs stage from the tensor types.
/// </summary>
public sealed record OpCost
{
    /// <summary>Multiply-accumulates (0 for ops without products).</summary>
    public Count Macs { get; init; }

    /// <summary>Floating-point (or integer arithmetic) operations, per docs/counting.md.</summary>
    public Count Flops { get; init; }

    /// <summary>Kernel class.</summary>
    public OpClass Class { get; init; } = OpClass.Elementwise;

    /// <summary>Compute precision; null = derived from the element type of the first input (or output).</summary>
    public Precision? Precision { get; init; }

    /// <summary>Input indices that are weights: a constant tensor there is a parameter even with a single element.</summary>
    public IReadOnlyList<int> WeightInputs { get; init; } = [];

    /// <summary>Input indices whose constant tensors are buffers, not parameters (BatchNormalization mean and variance).</summary>
    public IReadOnlyList<int> BufferInputs { get; init; } = [];

    /// <summary>Input indices that are read as metadata only (Shape, Size): no bytes counted.</summary>
    public IReadOnlyList<int> MetadataInputs { get; init; } = [];

    /// <summary>
    /// Inputs whose stored elements each pack several logical weights (MatMulNBits' uint8 blobs hold 8/bits weights
    /// per byte): input index → logical weights per stored element, for parameter counting. Bytes stay the stored bytes.
    /// </summary>
    public IReadOnlyDictionary<int, int> PackedInputs { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<int, int>.Empty;

    /// <summary>Subgraph costs to add in, each multiplied by its factor (Loop trip count; 1 for If branches).</summary>
    public IReadOnlyList<NestedCost> Nested { get; init; } = [];

    /// <summary>A cost of zero in the given class.</summary>
    public static OpCost Zero(OpClass cls = OpClass.DataMovement) => new() { Class = cls };

    /// <summary>Elementwise cost: <paramref name="flopsPerElement"/> per output element.</summary>
    public static OpCost PerElement(Count elements, long flopsPerElement, OpClass cls = OpClass.Elementwise)
        => new() { Flops = elements * flopsPerElement, Class = cls };
}

/// <summary>A subgraph whose costs are added to its container node, <see cref="Multiplier"/> times.</summary>
/// <param name="Graph">The inferred subgraph.</param>
/// <param name="Multiplier">How many times it runs (trip count), with its formula.</param>
public sealed record NestedCost(InferredGraph Graph, Count Multiplier);

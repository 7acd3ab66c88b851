using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>A tensor as shown in reports: name, element type and shape (symbolic dims kept).</summary>
public sealed record TensorInfo(string Name, DataType DataType, Shape? Shape)
{
    /// <summary>Element type name (float32, …).</summary>
    public string DTypeName => DataTypes.Name(DataType);

    /// <summary>Bytes of the tensor at the dims used for counting (0 when its shape is unknown).</summary>
    public long Bytes { get; init; }

    /// <summary>True for a constant: an initializer, a Constant output or a value the shapes stage folded (engines fold it too).</summary>
    public bool IsConstant { get; init; }

    /// <summary>False for an input the node reads as metadata only (Reshape's shape, Shape's input): no bytes move.</summary>
    public bool Read { get; init; } = true;
}

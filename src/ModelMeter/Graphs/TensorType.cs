namespace ModelMeter.Graphs;

/// <summary>
/// The type of a value: element type plus shape (null shape = rank unknown). For sequences and optionals
/// <see cref="Kind"/> says so and <see cref="Element"/> describes the contained type.
/// </summary>
public sealed record TensorType(DataType ElementType, Shape? Shape, ValueKind Kind = ValueKind.Tensor, TensorType? Element = null)
{
    /// <summary>A tensor type of unknown element type and shape.</summary>
    public static TensorType Unknown { get; } = new(DataType.Undefined, null);

    /// <summary>A tensor type.</summary>
    public static TensorType Of(DataType t, Shape? shape) => new(t, shape);

    /// <summary>A tensor type from known dims.</summary>
    public static TensorType Of(DataType t, params long[] dims) => new(t, Shape.Of(dims));

    /// <summary>A sequence whose elements have type <paramref name="element"/>.</summary>
    public static TensorType SequenceOf(TensorType element) => new(element.ElementType, null, ValueKind.Sequence, element);

    /// <summary>An optional holding <paramref name="element"/>.</summary>
    public static TensorType OptionalOf(TensorType element) => new(element.ElementType, element.Shape, ValueKind.Optional, element);

    /// <summary>True when this is a plain tensor with a known rank.</summary>
    public bool HasShape => Shape is not null && Kind == ValueKind.Tensor;

    /// <summary>Rank, or -1 when unknown.</summary>
    public int Rank => Shape?.Rank ?? -1;

    /// <summary>Same element type, new shape.</summary>
    public TensorType WithShape(Shape? shape) => this with { Shape = shape };

    /// <summary>e.g. <c>float32[1,3,224,224]</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Sequence => $"seq({Element})",
        ValueKind.Optional => $"optional({Element})",
        _ => DataTypes.Name(ElementType) + (Shape?.ToString() ?? "[?]"),
    };
}

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

    /// <summary>
    /// For a sequence whose length and elements the graph determines (SequenceEmpty, SequenceConstruct, SequenceInsert
    /// at a known position, SplitToSequence with a known count): each element's type in order; null otherwise.
    /// <see cref="Element"/> is then the element types merged.
    /// </summary>
    public IReadOnlyList<TensorType>? Items { get; init; }

    /// <summary>Equal kind, element type, shape, element and items.</summary>
    public bool Equals(TensorType? other) =>
        other is not null && ElementType == other.ElementType && Kind == other.Kind && Equals(Shape, other.Shape)
        && Equals(Element, other.Element)
        && (Items is null ? other.Items is null : other.Items is not null && Items.SequenceEqual(other.Items));

    /// <summary>Hash of kind, element type and shape.</summary>
    public override int GetHashCode() => HashCode.Combine(ElementType, Kind, Shape, Items?.Count ?? -1);

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

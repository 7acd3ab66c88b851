namespace ModelMeter.Graphs;

/// <summary>A tensor shape: an ordered list of <see cref="Dim"/>. A scalar has rank 0.</summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly Dim[] _dims;

    /// <summary>Creates a shape from dims.</summary>
    public Shape(IEnumerable<Dim> dims) => _dims = dims.ToArray();

    private Shape(Dim[] dims) => _dims = dims;

    /// <summary>Creates a shape from known numbers.</summary>
    public static Shape Of(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var d = new Dim[dims.Length];
        for (int i = 0; i < d.Length; i++) d[i] = Dim.Of(dims[i]);
        return new Shape(d);
    }

    /// <summary>The scalar shape.</summary>
    public static Shape Scalar { get; } = new([]);

    /// <summary>The dims.</summary>
    public IReadOnlyList<Dim> Dims => _dims;

    /// <summary>Number of dims.</summary>
    public int Rank => _dims.Length;

    /// <summary>Dim at index (negative counts from the end).</summary>
    public Dim this[int i] => _dims[i < 0 ? i + _dims.Length : i];

    /// <summary>True when every dim is a number.</summary>
    public bool IsFullyKnown => _dims.All(d => d.IsKnown);

    /// <summary>Product of all dims (checked; symbolic or unknown where dims are).</summary>
    public Dim Elements()
    {
        Dim p = 1;
        foreach (var d in _dims) p *= d;
        return p;
    }

    /// <summary>The dims as numbers, or null if any is not known.</summary>
    public long[]? TryValues() => IsFullyKnown ? _dims.Select(d => d.Value).ToArray() : null;

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Shape as <c>[1,3,224,224]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", _dims.Select(d => d.ToString())) + "]";
}

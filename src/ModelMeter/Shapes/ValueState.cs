using ModelMeter.Graphs;

namespace ModelMeter.Shapes;

/// <summary>What inference knows about one value: its type and, for small integer tensors, its values.</summary>
public sealed class ValueState
{
    private long[]? _values;
    private bool _valuesLoaded;
    private readonly Dim[]? _dimValues;

    /// <summary>Creates a state.</summary>
    public ValueState(string name, TensorType type, long[]? values = null, TensorData? tensor = null, string? producer = null)
        : this(name, type, values, tensor, producer, null)
    {
    }

    /// <summary>
    /// Creates a state whose integer values may be symbolic dims (<paramref name="dimValues"/>: the values of
    /// <c>Shape</c> of a tensor with a <c>batch</c> dim, and what Gather/Concat/Mul make of them).
    /// </summary>
    public ValueState(string name, TensorType type, long[]? values, TensorData? tensor, string? producer, Dim[]? dimValues)
    {
        Name = name;
        Type = type;
        if (values is null && dimValues is not null && dimValues.All(d => d.IsKnown)) values = dimValues.Select(d => d.Value).ToArray();
        _dimValues = values is null ? dimValues : null;
        _values = values;
        _valuesLoaded = values is not null || tensor is null;
        Tensor = tensor;
        Producer = producer;
    }

    /// <summary>Value name.</summary>
    public string Name { get; }

    /// <summary>Inferred type.</summary>
    public TensorType Type { get; }

    /// <summary>The constant tensor behind this value (initializer or Constant output), if any.</summary>
    public TensorData? Tensor { get; }

    /// <summary>Name of the node that produces the value (null for graph inputs and initializers).</summary>
    public string? Producer { get; }

    /// <summary>True for initializers and outputs of Constant nodes: candidates for parameters.</summary>
    public bool IsConstantTensor => Tensor is not null;

    /// <summary>Known integer values (row-major), or null; loaded lazily from a constant tensor.</summary>
    public long[]? Values
    {
        get
        {
            if (!_valuesLoaded)
            {
                _valuesLoaded = true;
                if (Tensor is { } t && (DataTypes.IsInteger(t.DataType) || t.DataType == DataType.Bool || DataTypes.IsFloat(t.DataType)))
                {
                    long n;
                    try { n = t.ElementCount; } catch (OverflowException) { n = long.MaxValue; }
                    if (n <= ShapeEngine.MaxValueElements)
                    {
                        if (DataTypes.IsFloat(t.DataType))
                        {
                            // float constants carry values only when every element is a whole number (exact in long)
                            var d = FloatValues;
                            if (d is not null && d.All(x => x == Math.Floor(x) && Math.Abs(x) < 9e15)) _values = d.Select(x => (long)x).ToArray();
                        }
                        else _values = t.TryReadInt64(ShapeEngine.MaxValueElements);
                    }
                }
            }
            return _values;
        }
    }

    /// <summary>
    /// Known integer values as dims: symbolic where a value is a symbolic dimension (e.g. <c>batch</c>), unknown
    /// (<see cref="Dim.Unknown"/>) where one element is not known; null when no element is known.
    /// </summary>
    public Dim[]? DimValues => _dimValues ?? Values?.Select(v => Dim.Of(v)).ToArray();

    /// <summary>Float values of a small constant tensor (scales, ROI), or null; read from the tensor once.</summary>
    public double[]? FloatValues
    {
        get
        {
            if (!_floatsLoaded)
            {
                _floatsLoaded = true;
                _floats = Tensor?.TryReadDoubles(ShapeEngine.MaxValueElements);
            }
            return _floats;
        }
    }

    private double[]? _floats;
    private bool _floatsLoaded;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}";
}

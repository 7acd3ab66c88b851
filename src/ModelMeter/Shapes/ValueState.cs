using ModelMeter.Graphs;

namespace ModelMeter.Shapes;

/// <summary>What inference knows about one value: its type and, for small integer tensors, its values.</summary>
public sealed class ValueState
{
    private long[]? _values;
    private bool _valuesLoaded;

    /// <summary>Creates a state.</summary>
    public ValueState(string name, TensorType type, long[]? values = null, TensorData? tensor = null, string? producer = null)
    {
        Name = name;
        Type = type;
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
                    if (n <= ShapeEngine.MaxValueElements) _values = t.TryReadInt64(ShapeEngine.MaxValueElements);
                }
            }
            return _values;
        }
    }

    /// <summary>Float values of a small constant tensor (scales, ROI), or null.</summary>
    public double[]? FloatValues => Tensor?.TryReadDoubles(ShapeEngine.MaxValueElements);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}";
}

using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Reports.Json;

/// <summary>JSON tensor: <c>{ "name", "dtype", "shape" }</c>; shape items are numbers, strings for symbolic dims, null for unknown dims; the shape is null when the rank is unknown.</summary>
/// <param name="Name">Value name.</param>
/// <param name="Dtype">Element type (<c>float32</c>); null when unknown.</param>
/// <param name="Shape">Dims: long, string (symbolic, e.g. <c>batch</c> or <c>2*batch</c>) or null (unknown).</param>
public sealed record TensorSection(string Name, string? Dtype, IReadOnlyList<object?>? Shape)
{
    /// <summary>Converts a report tensor.</summary>
    public static TensorSection From(TensorInfo t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Name, t.DataType == DataType.Undefined ? null : t.DTypeName, ShapeOf(t.Shape));
    }

    /// <summary>Shape as JSON items.</summary>
    public static IReadOnlyList<object?>? ShapeOf(Shape? shape) =>
        shape?.Dims.Select(d => d.IsKnown ? (object?)d.Value : d.IsSymbolic ? d.ToString() : null).ToList();
}

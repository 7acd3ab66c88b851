using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>A tensor as shown in reports: name, element type and shape (symbolic dims kept).</summary>
public sealed record TensorInfo(string Name, DataType DataType, Shape? Shape)
{
    /// <summary>Element type name (float32, …).</summary>
    public string DTypeName => DataTypes.Name(DataType);
}

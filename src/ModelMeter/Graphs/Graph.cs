namespace ModelMeter.Graphs;

/// <summary>A computation graph: nodes, declared inputs/outputs/value infos, and initializers.</summary>
public sealed class Graph
{
    /// <summary>Graph name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Nodes in file order (not necessarily topological).</summary>
    public IReadOnlyList<Node> Nodes { get; init; } = [];
    /// <summary>Declared inputs (may include initializers in older IR versions).</summary>
    public IReadOnlyList<ValueInfo> Inputs { get; init; } = [];
    /// <summary>Declared outputs.</summary>
    public IReadOnlyList<ValueInfo> Outputs { get; init; } = [];
    /// <summary>Declared intermediate value types (not trusted by inference; kept for reference).</summary>
    public IReadOnlyList<ValueInfo> ValueInfos { get; init; } = [];
    /// <summary>Initializers by name.</summary>
    public IReadOnlyDictionary<string, TensorData> Initializers { get; init; } = new Dictionary<string, TensorData>();
    /// <summary>Documentation string.</summary>
    public string DocString { get; init; } = "";

    /// <summary>Inputs that are not initializers: the values a caller must feed.</summary>
    public IEnumerable<ValueInfo> RealInputs => Inputs.Where(i => !Initializers.ContainsKey(i.Name));
}

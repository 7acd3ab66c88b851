namespace ModelMeter.Graphs;

/// <summary>A node attribute. Only the member matching <see cref="Type"/> is meaningful.</summary>
public sealed class NodeAttribute
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>Kind.</summary>
    public AttributeType Type { get; init; }
    /// <summary>Float value.</summary>
    public float F { get; init; }
    /// <summary>Integer value.</summary>
    public long I { get; init; }
    /// <summary>String value (UTF-8 decoded).</summary>
    public string S { get; init; } = "";
    /// <summary>Tensor value.</summary>
    public TensorData? T { get; init; }
    /// <summary>Graph value (If branches, Loop/Scan bodies).</summary>
    public Graph? G { get; init; }
    /// <summary>Float list.</summary>
    public IReadOnlyList<float> Floats { get; init; } = [];
    /// <summary>Integer list.</summary>
    public IReadOnlyList<long> Ints { get; init; } = [];
    /// <summary>String list.</summary>
    public IReadOnlyList<string> Strings { get; init; } = [];
    /// <summary>Tensor list.</summary>
    public IReadOnlyList<TensorData> Tensors { get; init; } = [];
    /// <summary>Graph list.</summary>
    public IReadOnlyList<Graph> Graphs { get; init; } = [];
    /// <summary>Type value (TypeProto attributes).</summary>
    public TensorType? TypeValue { get; init; }
    /// <summary>In a function body: the name of the caller's attribute this one refers to.</summary>
    public string? RefAttrName { get; init; }

    /// <summary>Every graph this attribute holds.</summary>
    public IEnumerable<Graph> AllGraphs => G is null ? Graphs : [G, .. Graphs];
}

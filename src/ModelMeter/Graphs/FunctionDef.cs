namespace ModelMeter.Graphs;

/// <summary>A model-local function (ONNX <c>FunctionProto</c>); nodes calling (Domain, Name) are expanded.</summary>
public sealed class FunctionDef
{
    /// <summary>Function name (the op type callers use).</summary>
    public required string Name { get; init; }
    /// <summary>Function domain.</summary>
    public string Domain { get; init; } = "";
    /// <summary>Formal input names.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Formal output names.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>Attribute names the body may reference.</summary>
    public IReadOnlyList<string> AttributeNames { get; init; } = [];
    /// <summary>Attributes with default values.</summary>
    public IReadOnlyList<NodeAttribute> AttributeDefaults { get; init; } = [];
    /// <summary>Body nodes.</summary>
    public IReadOnlyList<Node> Nodes { get; init; } = [];
    /// <summary>Opset imports of the body.</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; init; } = new Dictionary<string, long>();
}

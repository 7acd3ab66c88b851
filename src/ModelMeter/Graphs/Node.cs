namespace ModelMeter.Graphs;

/// <summary>One operator application. Empty input names are absent optional inputs.</summary>
public sealed class Node
{
    /// <summary>Node name (may be empty in the file; the reader then names it <c>OpType_index</c>).</summary>
    public required string Name { get; init; }
    /// <summary>Operator type, e.g. <c>Conv</c>.</summary>
    public required string OpType { get; init; }
    /// <summary>Operator domain; "" is the default ONNX domain (<c>ai.onnx</c>).</summary>
    public string Domain { get; init; } = "";
    /// <summary>Input value names.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Output value names.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>Attributes by name.</summary>
    public IReadOnlyDictionary<string, NodeAttribute> Attributes { get; init; } = new Dictionary<string, NodeAttribute>();
    /// <summary>Documentation string from the model.</summary>
    public string DocString { get; init; } = "";

    /// <summary>The subgraphs held by attributes (If branches, Loop/Scan bodies).</summary>
    public IEnumerable<Graph> Subgraphs => Attributes.Values.SelectMany(a => a.AllGraphs);

    /// <summary>Domain with the default domain spelled <c>ai.onnx</c>.</summary>
    public string DomainOrDefault => Domain.Length == 0 || Domain == "ai.onnx" ? "ai.onnx" : Domain;

    /// <summary>Attribute or null.</summary>
    public NodeAttribute? Attr(string name) => Attributes.TryGetValue(name, out var a) ? a : null;

    /// <summary>Integer attribute or default.</summary>
    public long GetInt(string name, long fallback) => Attr(name) is { } a ? a.I : fallback;

    /// <summary>Float attribute or default.</summary>
    public float GetFloat(string name, float fallback) => Attr(name) is { } a ? a.F : fallback;

    /// <summary>String attribute or default.</summary>
    public string GetString(string name, string fallback) => Attr(name) is { } a ? a.S : fallback;

    /// <summary>Integer list attribute or null when absent.</summary>
    public IReadOnlyList<long>? GetInts(string name) => Attr(name)?.Ints;

    /// <summary>Float list attribute or null when absent.</summary>
    public IReadOnlyList<float>? GetFloats(string name) => Attr(name)?.Floats;

    /// <summary>Input name at index, or "" when absent.</summary>
    public string InputAt(int i) => i < Inputs.Count ? Inputs[i] : "";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({OpType})";
}

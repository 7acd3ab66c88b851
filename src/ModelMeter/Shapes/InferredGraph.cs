using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Shapes;

/// <summary>The result of shape inference on one graph: nodes in topological order, every value's state, diagnostics.</summary>
public sealed class InferredGraph
{
    internal InferredGraph(Model model, Graph graph, IReadOnlyList<InferredNode> nodes, IReadOnlyDictionary<string, ValueState> values,
        List<Diagnostic> diagnostics, DimBinding binding)
    {
        Model = model;
        Graph = graph;
        Nodes = nodes;
        Values = values;
        Diagnostics = diagnostics;
        Binding = binding;
    }

    /// <summary>The model the graph belongs to.</summary>
    public Model Model { get; }

    /// <summary>The graph.</summary>
    public Graph Graph { get; }

    /// <summary>Nodes in topological order (file order where the file is already ordered).</summary>
    public IReadOnlyList<InferredNode> Nodes { get; }

    /// <summary>States of the values visible in this graph (including outer-scope values for subgraphs).</summary>
    public IReadOnlyDictionary<string, ValueState> Values { get; }

    /// <summary>Diagnostics (shared by a graph and its subgraphs).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>How symbolic dims turn into numbers for counting.</summary>
    public DimBinding Binding { get; }

    /// <summary>The state of a value, or null.</summary>
    public ValueState? Value(string name) => Values.TryGetValue(name, out var v) ? v : null;
}

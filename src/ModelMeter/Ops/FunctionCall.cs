using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Ops;

/// <summary>
/// A call of a model-local function (ONNX <c>FunctionProto</c>), used when no rule is registered for the node's
/// (domain, op type): the body is inlined as a subgraph (formal inputs bound to the caller's actual values, other
/// names prefixed with the caller's node name, attributes referencing the caller's via <c>ref_attr_name</c>
/// substituted, defaults applied) and inferred with the ordinary rules; the cost is the body's, nested.
/// </summary>
internal sealed class FunctionCallRule(FunctionDef function) : IOpRule
{
    private const string Key = "function";

    public void Infer(OpContext ctx)
    {
        var body = Inline(function, ctx.Node);
        var g = ctx.InferSubgraph(Key, body, []);
        for (int i = 0; i < ctx.OutputCount && i < body.Outputs.Count; i++)
        {
            var v = g.Value(body.Outputs[i].Name);
            if (v is not null && ctx.HasOutput(i)) ctx.SetOutputDims(i, v.Type, v.DimValues);
        }
    }

    public OpCost Cost(OpContext ctx) => OpCost.Zero(OpClass.Other) with { Nested = [new NestedCost(ctx.Subgraphs[Key], 1)] };

    /// <summary>The function body as a graph for one call site.</summary>
    internal static Graph Inline(FunctionDef f, Node call)
    {
        var prefix = call.Name + "/";
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < f.Inputs.Count; i++) map[f.Inputs[i]] = call.InputAt(i);
        string Rename(string name) => name.Length == 0 ? "" : map.TryGetValue(name, out var actual) ? actual : prefix + name;
        var nodes = f.Nodes.Select(n => new Node
        {
            Name = prefix + n.Name,
            OpType = n.OpType,
            Domain = n.Domain,
            Inputs = n.Inputs.Select(Rename).ToList(),
            Outputs = n.Outputs.Select(Rename).ToList(),
            Attributes = Attributes(f, n, call),
            DocString = n.DocString,
        }).ToList();
        return new Graph
        {
            Name = $"{f.Domain}:{f.Name}",
            Nodes = nodes,
            Outputs = f.Outputs.Select(o => new ValueInfo(Rename(o), TensorType.Unknown)).ToList(),
        };
    }

    /// <summary>A body node's attributes with references to the caller's attributes resolved (dropped when neither the call nor a default sets them).</summary>
    private static Dictionary<string, NodeAttribute> Attributes(FunctionDef f, Node n, Node call)
    {
        var result = new Dictionary<string, NodeAttribute>(StringComparer.Ordinal);
        foreach (var (name, a) in n.Attributes)
        {
            if (a.RefAttrName is not { } r) { result[name] = a; continue; }
            var actual = call.Attr(r) ?? f.AttributeDefaults.FirstOrDefault(d => d.Name == r);
            if (actual is not null) result[name] = Renamed(actual, name);
        }
        return result;
    }

    private static NodeAttribute Renamed(NodeAttribute a, string name) => new()
    {
        Name = name, Type = a.Type, F = a.F, I = a.I, S = a.S, T = a.T, G = a.G, Floats = a.Floats, Ints = a.Ints,
        Strings = a.Strings, Tensors = a.Tensors, Graphs = a.Graphs, TypeValue = a.TypeValue,
    };
}

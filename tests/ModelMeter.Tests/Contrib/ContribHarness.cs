using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Tests.Contrib;

/// <summary>One-node models in any domain, built directly in the IR: inputs are graph inputs, or initializers when the name starts with '#'.</summary>
internal static class ContribHarness
{
    public const string Ms = "com.microsoft";

    public static (string Name, DataType Type, long[] Dims) F(string name, params long[] dims) => (name, DataType.Float, dims);

    public static (string Name, DataType Type, long[] Dims) T(string name, DataType type, params long[] dims) => (name, type, dims);

    public static NodeAttribute A(string name, object value) => value switch
    {
        long i => new NodeAttribute { Name = name, Type = AttributeType.Int, I = i },
        int i => new NodeAttribute { Name = name, Type = AttributeType.Int, I = i },
        float f => new NodeAttribute { Name = name, Type = AttributeType.Float, F = f },
        string s => new NodeAttribute { Name = name, Type = AttributeType.String, S = s },
        long[] l => new NodeAttribute { Name = name, Type = AttributeType.Ints, Ints = l },
        _ => throw new ArgumentException(name),
    };

    public static (InferredGraph Graph, ModelProfile Profile) Run(string op, string domain, (string Name, DataType Type, long[] Dims)[] inputs, int outputs = 1, params NodeAttribute[] attrs)
    {
        var graphInputs = new List<ValueInfo>();
        var inits = new Dictionary<string, TensorData>();
        var names = new List<string>();
        foreach (var (name, type, dims) in inputs)
        {
            if (name.Length == 0) { names.Add(""); continue; }
            var n = name.TrimStart('#');
            names.Add(n);
            if (name.StartsWith('#')) inits[n] = new TensorData { Name = n, DataType = type, Dims = dims };
            else graphInputs.Add(new ValueInfo(n, TensorType.Of(type, new Shape(dims.Select(d => d < 0 ? Dim.Symbol("batch") : Dim.Of(d))))));
        }
        var outs = Enumerable.Range(0, outputs).Select(i => $"y{i}").ToList();
        var node = new Node { Name = "n", OpType = op, Domain = domain, Inputs = names, Outputs = outs, Attributes = attrs.ToDictionary(a => a.Name) };
        var model = new Model
        {
            Graph = new Graph { Inputs = graphInputs, Initializers = inits, Nodes = [node], Outputs = outs.Select(o => new ValueInfo(o, TensorType.Unknown)).ToList() },
            Opsets = new Dictionary<string, long> { [""] = 17, [Ms] = 1, ["com.microsoft.nchwc"] = 1 },
        };
        var g = ShapeEngine.Infer(model);
        return (g, CostCalculator.Compute(g));
    }

    /// <summary>Output <paramref name="i"/>'s type as text (e.g. <c>float32[2,3]</c>), or the diagnostics.</summary>
    public static string Out(this (InferredGraph Graph, ModelProfile Profile) r, int i = 0) =>
        r.Graph.Nodes[0].Context.OutputType(i)?.ToString() ?? "unknown: " + string.Join("; ", r.Graph.Diagnostics.Select(d => d.Message));

    public static NodeCost Cost(this (InferredGraph Graph, ModelProfile Profile) r) => r.Profile.Nodes[0];
}

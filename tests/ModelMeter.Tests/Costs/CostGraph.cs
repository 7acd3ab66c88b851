using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// A small graph builder for cost tests: typed inputs (a dim given as a string is a symbol), typed initializers
/// (no payload unless values are given), nodes in any domain, outputs. <see cref="Analyze"/> runs the whole pipeline
/// (<see cref="Analyzer.Analyze"/>), so every test goes through the real shape engine and cost calculator.
/// </summary>
internal sealed class CostGraph(long opset = 17)
{
    private readonly List<Node> _nodes = [];
    private readonly List<ValueInfo> _inputs = [];
    private readonly List<string> _outputs = [];
    private readonly Dictionary<string, TensorData> _inits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _opsets = new(StringComparer.Ordinal) { [""] = opset };

    /// <summary>Adds a graph input; dims are longs or strings (symbols).</summary>
    public string In(string name, DataType type, params object[] dims)
    {
        _inputs.Add(new ValueInfo(name, TensorType.Of(type, new Shape(dims.Select(D)))));
        return name;
    }

    /// <summary>Adds an initializer without payload (its type and shape are all costs need).</summary>
    public string Init(string name, DataType type, params long[] dims)
    {
        _inits[name] = new TensorData { Name = name, DataType = type, Dims = dims };
        return name;
    }

    /// <summary>Adds an initializer with values (shape/axes tensors, scalars).</summary>
    public string Values(string name, DataType type, long[] dims, params double[] values)
    {
        _inits[name] = new TensorData { Name = name, DataType = type, Dims = dims, Encoding = TensorEncoding.Decoded, InlineValues = values };
        return name;
    }

    /// <summary>Adds a node; attributes as in <see cref="A"/>; returns its outputs (named NAME or NAME_i).</summary>
    public string[] Node(string op, string name, string[] inputs, int outputs = 1, Dictionary<string, NodeAttribute>? attrs = null, string domain = "")
    {
        var outs = Enumerable.Range(0, outputs).Select(i => outputs == 1 ? name : $"{name}_{i}").ToArray();
        return NodeTo(op, name, inputs, outs, attrs, domain);
    }

    /// <summary>Adds a node with explicit output names ("" = optional output left out).</summary>
    public string[] NodeTo(string op, string name, string[] inputs, string[] outputs, Dictionary<string, NodeAttribute>? attrs = null, string domain = "")
    {
        if (domain.Length > 0) _opsets.TryAdd(domain, 1);
        _nodes.Add(new Node { Name = name, OpType = op, Domain = domain, Inputs = inputs, Outputs = outputs, Attributes = attrs ?? [] });
        return outputs;
    }

    /// <summary>Single-output node; returns the output name (= node name).</summary>
    public string Add(string op, string name, string[] inputs, Dictionary<string, NodeAttribute>? attrs = null, string domain = "")
        => Node(op, name, inputs, 1, attrs, domain)[0];

    /// <summary>Marks values as graph outputs (their types come from inference).</summary>
    public void Out(params string[] names) => _outputs.AddRange(names);

    /// <summary>Builds the model and analyses it with the given symbol values.</summary>
    public ModelProfile Analyze(IReadOnlyDictionary<string, long>? dims = null) => Analyzer.Analyze(Build(), new ShapeOptions(Dims: dims));

    /// <summary>The model.</summary>
    public Model Build() => new()
    {
        Path = "test:costs",
        IrVersion = 10,
        Opsets = new Dictionary<string, long>(_opsets),
        Graph = new Graph
        {
            Name = "costs",
            Nodes = _nodes.ToArray(),
            Inputs = _inputs.ToArray(),
            Outputs = _outputs.Select(o => new ValueInfo(o, TensorType.Unknown)).ToArray(),
            Initializers = new Dictionary<string, TensorData>(_inits, StringComparer.Ordinal),
        },
    };

    private static Dim D(object d) => d switch
    {
        string s => Dim.Symbol(s),
        long l => Dim.Of(l),
        int i => Dim.Of(i),
        _ => throw new ArgumentException($"dim {d}"),
    };

    /// <summary>Attributes from (name, value) pairs: long/int, float/double, string, long[], float[], TensorData.</summary>
    public static Dictionary<string, NodeAttribute> A(params (string Name, object Value)[] kv) => kv.ToDictionary(x => x.Name, x => x.Value switch
    {
        long l => new NodeAttribute { Name = x.Name, Type = AttributeType.Int, I = l },
        int i => new NodeAttribute { Name = x.Name, Type = AttributeType.Int, I = i },
        float f => new NodeAttribute { Name = x.Name, Type = AttributeType.Float, F = f },
        double d => new NodeAttribute { Name = x.Name, Type = AttributeType.Float, F = (float)d },
        string s => new NodeAttribute { Name = x.Name, Type = AttributeType.String, S = s },
        long[] ls => new NodeAttribute { Name = x.Name, Type = AttributeType.Ints, Ints = ls },
        float[] fs => new NodeAttribute { Name = x.Name, Type = AttributeType.Floats, Floats = fs },
        TensorData t => new NodeAttribute { Name = x.Name, Type = AttributeType.Tensor, T = t },
        _ => throw new ArgumentException($"attribute {x.Name}"),
    }, StringComparer.Ordinal);

    /// <summary>One node analysed alone: X of <paramref name="dims"/> (float) → op → output.</summary>
    public static NodeCost Unary(string op, long[] dims, Dictionary<string, NodeAttribute>? attrs = null, DataType type = DataType.Float, long opset = 17, string domain = "")
    {
        var g = new CostGraph(opset);
        g.In("x", type, dims.Cast<object>().ToArray());
        g.Out(g.Add(op, "n", ["x"], attrs, domain));
        return g.Analyze().Nodes.Single();
    }
}

/// <summary>Profile lookups.</summary>
internal static class ProfileExtensions
{
    /// <summary>The node named <paramref name="name"/>.</summary>
    public static NodeCost Node(this ModelProfile p, string name) => p.Nodes.Single(n => n.Name == name);
}

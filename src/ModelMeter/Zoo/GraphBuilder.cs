using System.Buffers.Binary;
using System.Globalization;
using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// A tiny builder for ONNX-style graphs: inputs with symbolic dims, initializers (without payload for analysis, or with
/// deterministic pseudo-random float32 bytes when built with weights), nodes and outputs. <see cref="Build"/> returns a
/// <see cref="Model"/> at opset 17 whose path is <c>zoo:NAME</c>.
/// </summary>
public sealed class GraphBuilder
{
    private readonly List<Node> _nodes = [];
    private readonly List<ValueInfo> _inputs = [];
    private readonly List<ValueInfo> _outputs = [];
    private readonly Dictionary<string, TensorData> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Creates a builder for model <paramref name="name"/>; with <paramref name="withWeights"/> initializers get values.</summary>
    public GraphBuilder(string name, bool withWeights = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        WithWeights = withWeights;
    }

    /// <summary>Model name (the path becomes <c>zoo:NAME</c>).</summary>
    public string Name { get; }

    /// <summary>True when initializers carry values.</summary>
    public bool WithWeights { get; }

    /// <summary>Opset of the default domain written into the model.</summary>
    public const long Opset = 17;

    /// <summary>Adds a graph input; returns its name.</summary>
    public string AddInput(string name, DataType type, params Dim[] dims)
    {
        Claim(name);
        _inputs.Add(new ValueInfo(name, TensorType.Of(type, new Shape(dims))));
        return name;
    }

    /// <summary>Declares a graph output (a value some node produces) with its expected type.</summary>
    public void AddOutput(string name, DataType type, params Dim[] dims) => _outputs.Add(new ValueInfo(name, TensorType.Of(type, new Shape(dims))));

    /// <summary>
    /// Adds a float32 initializer of shape <paramref name="dims"/>; it has no payload unless the builder was created
    /// with weights, then values follow <paramref name="init"/> (deterministic per name). Returns its name.
    /// </summary>
    public string AddInitializer(string name, long[] dims, Init init = Init.Random)
    {
        Claim(name);
        var t = new TensorData { Name = name, DataType = DataType.Float, Dims = dims };
        if (WithWeights)
            t = new TensorData { Name = name, DataType = DataType.Float, Dims = dims, Encoding = TensorEncoding.Raw, InlineBytes = Fill(name, dims, init), Length = checked(4 * Count(dims)) };
        _initializers[name] = t;
        return name;
    }

    /// <summary>Adds a constant initializer with the given values (always stored, any builder): small scalars, shapes.</summary>
    public string AddConstant(string name, DataType type, long[] dims, double[] values)
    {
        Claim(name);
        if (values.Length != Count(dims)) throw new ArgumentException($"{values.Length} values for dims [{string.Join(",", dims)}]", nameof(values));
        _initializers[name] = new TensorData { Name = name, DataType = type, Dims = dims, Encoding = TensorEncoding.Decoded, InlineValues = values };
        return name;
    }

    /// <summary>
    /// Adds a node; attribute values may be long/int, float/double, string, long[]/int[] or float[]. Returns the names
    /// of its <paramref name="outputs"/> outputs (named NODE or NODE_i). A non-empty <paramref name="domain"/> (e.g.
    /// <c>com.microsoft</c>) is imported at version 1 by <see cref="Build"/>.
    /// </summary>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, object>? attributes = null, int outputs = 1, string? name = null, string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        name ??= NextName(opType);
        var outs = Enumerable.Range(0, outputs).Select(i => outputs == 1 ? name : $"{name}_{i}").ToArray();
        return AddNamed(opType, inputs, outs, attributes, name, domain);
    }

    /// <summary>
    /// Adds a node whose outputs have the given names (an empty name leaves that optional output out); returns them.
    /// </summary>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputNames, IReadOnlyDictionary<string, object>? attributes = null, string? name = null, string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(outputNames);
        return AddNamed(opType, inputs, outputNames.ToArray(), attributes, name ?? NextName(opType), domain);
    }

    private string[] AddNamed(string opType, IReadOnlyList<string> inputs, string[] outs, IReadOnlyDictionary<string, object>? attributes, string name, string domain)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(domain);
        if (!_nodeNames.Add(name)) throw new ArgumentException($"node name '{name}' is already used", nameof(name));
        foreach (var o in outs.Where(o => o.Length > 0)) Claim(o);
        var attrs = new Dictionary<string, NodeAttribute>(StringComparer.Ordinal);
        if (attributes is not null)
            foreach (var (k, v) in attributes) attrs[k] = Attribute(k, v);
        _nodes.Add(new Node { Name = name, OpType = opType, Domain = domain, Inputs = inputs.ToArray(), Outputs = outs, Attributes = attrs });
        return outs;
    }

    /// <summary>Adds a single-output node and returns the output name.</summary>
    public string Add(string opType, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, object>? attributes = null, string? name = null, string domain = "")
        => AddNode(opType, inputs, attributes, 1, name, domain)[0];

    /// <summary>True when <paramref name="name"/> is already used by an input, initializer or node output.</summary>
    public bool Has(string name) => _names.Contains(name);

    /// <summary>The model built so far.</summary>
    public Model Build() => new()
    {
        Path = "zoo:" + Name,
        IrVersion = 8,
        Opsets = _nodes.Select(n => n.Domain).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)
            .Aggregate(new Dictionary<string, long> { [""] = Opset }, (m, d) => { m[d] = 1; return m; }),
        ProducerName = "modelmeter-zoo",
        Graph = new Graph
        {
            Name = Name,
            Nodes = _nodes.ToArray(),
            Inputs = _inputs.ToArray(),
            Outputs = _outputs.ToArray(),
            Initializers = new Dictionary<string, TensorData>(_initializers, StringComparer.Ordinal),
        },
    };

    private string NextName(string prefix)
    {
        var n = _counters.TryGetValue(prefix, out var c) ? c : 0;
        _counters[prefix] = n + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{n}");
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_names.Add(name)) throw new ArgumentException($"name '{name}' is already used", nameof(name));
    }

    private static long Count(long[] dims) => dims.Aggregate(1L, (a, d) => checked(a * d));

    private static NodeAttribute Attribute(string name, object value) => value switch
    {
        long l => new NodeAttribute { Name = name, Type = AttributeType.Int, I = l },
        int i => new NodeAttribute { Name = name, Type = AttributeType.Int, I = i },
        float f => new NodeAttribute { Name = name, Type = AttributeType.Float, F = f },
        double d => new NodeAttribute { Name = name, Type = AttributeType.Float, F = (float)d },
        string s => new NodeAttribute { Name = name, Type = AttributeType.String, S = s },
        long[] ls => new NodeAttribute { Name = name, Type = AttributeType.Ints, Ints = ls },
        int[] ins => new NodeAttribute { Name = name, Type = AttributeType.Ints, Ints = ins.Select(x => (long)x).ToArray() },
        float[] fs => new NodeAttribute { Name = name, Type = AttributeType.Floats, Floats = fs },
        _ => throw new ArgumentException($"attribute '{name}': unsupported value type {value.GetType().Name}", nameof(value)),
    };

    private static byte[] Fill(string name, long[] dims, Init init)
    {
        long n = Count(dims);
        if (n > int.MaxValue / 4) throw new ArgumentException($"initializer '{name}' is too large to materialise", nameof(dims));
        var bytes = new byte[n * 4];
        if (init == Init.Zeros) return bytes;
        double scale = init == Init.Random ? 1.0 / Math.Sqrt(Math.Max(1, dims.Length > 1 ? n / dims[0] : n)) : 0;
        ulong state = Seed(name);
        for (long i = 0; i < n; i++)
        {
            float v = init switch
            {
                Init.Ones => 1f,
                Init.Positive => (float)(0.5 + Next(ref state)),
                _ => (float)((2 * Next(ref state) - 1) * scale),
            };
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((int)(i * 4)), v);
        }
        return bytes;
    }

    // FNV-1a of the name, then splitmix64: deterministic across runs and platforms.
    private static ulong Seed(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (var ch in name) { h ^= ch; h *= 1099511628211UL; }
        return h;
    }

    private static double Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Tests.Onnx;

/// <summary>Hand-built models for round-trip and robustness tests.</summary>
internal static class TestModels
{
    public static TensorData Floats(string name, long[] dims, int seed = 1)
    {
        long n = dims.Aggregate(1L, (a, b) => a * b);
        return new TensorData
        {
            Name = name, DataType = DataType.Float, Dims = dims, Encoding = TensorEncoding.Decoded,
            InlineValues = Enumerable.Range(0, (int)n).Select(i => (double)(float)Math.Sin(i + seed)).ToArray(),
        };
    }

    public static Dictionary<string, NodeAttribute> Attrs(params NodeAttribute[] attrs) => attrs.ToDictionary(a => a.Name, StringComparer.Ordinal);

    private static Graph Branch(string name, string output) => new()
    {
        Name = name,
        Nodes = [new Node { Name = name + "_id", OpType = "Identity", Inputs = ["x"], Outputs = [output] }],
        Outputs = [new ValueInfo(output, TensorType.Of(DataType.Float, Shape.Of(1, 4)))],
    };

    /// <summary>A small conv net with every attribute kind, a subgraph, decoded and raw tensors, symbolic dims, a function.</summary>
    public static Model Small()
    {
        var batch = Dim.Symbol("batch");
        var inits = new Dictionary<string, TensorData>(StringComparer.Ordinal)
        {
            ["w"] = Floats("w", [4, 3, 3, 3]),
            ["b"] = Floats("b", [4], 7),
            ["shape"] = new() { Name = "shape", DataType = DataType.Int64, Dims = [2], Encoding = TensorEncoding.Decoded, InlineValues = [1, -1] },
            ["half"] = new() { Name = "half", DataType = DataType.Float16, Dims = [3], Encoding = TensorEncoding.Decoded, InlineValues = [0.5, -2, 1024] },
            ["bytes"] = new() { Name = "bytes", DataType = DataType.UInt8, Dims = [4], Encoding = TensorEncoding.Raw, InlineBytes = [1, 2, 3, 250] },
            ["declared"] = new() { Name = "declared", DataType = DataType.Float, Dims = [1000, 1000] },
        };
        var nodes = new List<Node>
        {
            new()
            {
                Name = "conv", OpType = "Conv", Inputs = ["input", "w", "b"], Outputs = ["c"], DocString = "a conv",
                Attributes = Attrs(
                    new NodeAttribute { Name = "kernel_shape", Type = AttributeType.Ints, Ints = [3, 3] },
                    new NodeAttribute { Name = "pads", Type = AttributeType.Ints, Ints = [1, 1, 1, 1] },
                    new NodeAttribute { Name = "auto_pad", Type = AttributeType.String, S = "NOTSET" },
                    new NodeAttribute { Name = "group", Type = AttributeType.Int, I = 1 }),
            },
            new()
            {
                Name = "lrelu", OpType = "LeakyRelu", Inputs = ["c"], Outputs = ["r"],
                Attributes = Attrs(new NodeAttribute { Name = "alpha", Type = AttributeType.Float, F = 0.125f }),
            },
            new() { Name = "flat", OpType = "Reshape", Inputs = ["r", "shape"], Outputs = ["f"] },
            new()
            {
                Name = "k", OpType = "Constant", Outputs = ["kval"],
                Attributes = Attrs(new NodeAttribute { Name = "value", Type = AttributeType.Tensor, T = Floats("", [2, 2], 3) }),
            },
            new()
            {
                Name = "branch", OpType = "If", Inputs = ["cond"], Outputs = ["y"],
                Attributes = Attrs(
                    new NodeAttribute { Name = "then_branch", Type = AttributeType.Graph, G = Branch("then", "t_out") },
                    new NodeAttribute { Name = "else_branch", Type = AttributeType.Graph, G = Branch("else", "e_out") }),
            },
            new()
            {
                Name = "custom", OpType = "MyOp", Domain = "com.example", Inputs = ["f", "", "kval"], Outputs = ["z", "z2"],
                Attributes = Attrs(
                    new NodeAttribute { Name = "fs", Type = AttributeType.Floats, Floats = [1.5f, -2f] },
                    new NodeAttribute { Name = "ss", Type = AttributeType.Strings, Strings = ["a", "ünïcode", ""] },
                    new NodeAttribute { Name = "ts", Type = AttributeType.Tensors, Tensors = [Floats("t1", [2]), Floats("t2", [1, 1])] },
                    new NodeAttribute { Name = "gs", Type = AttributeType.Graphs, Graphs = [Branch("g1", "o1")] },
                    new NodeAttribute { Name = "tp", Type = AttributeType.TypeProto, TypeValue = TensorType.Of(DataType.Int8, Shape.Of(2, 3)) }),
            },
            new() { Name = "", OpType = "Relu", Inputs = ["z"], Outputs = ["z3"] },
        };
        var graph = new Graph
        {
            Name = "main", DocString = "test graph", Nodes = ReadBackNames(nodes),
            Inputs =
            [
                new ValueInfo("input", TensorType.Of(DataType.Float, new Shape([batch, 3, 8, 8]))),
                new ValueInfo("cond", TensorType.Of(DataType.Bool, Shape.Scalar)),
                new ValueInfo("seq", TensorType.SequenceOf(TensorType.Of(DataType.Float, new Shape([Dim.Unknown, 2])))),
                new ValueInfo("opt", TensorType.OptionalOf(TensorType.Of(DataType.Int64, (Shape?)null))),
                new ValueInfo("untyped", TensorType.Unknown),
            ],
            Outputs = [new ValueInfo("z3", TensorType.Of(DataType.Float, new Shape([batch, Dim.Unknown]))), new ValueInfo("y", TensorType.Unknown)],
            ValueInfos = [new ValueInfo("c", TensorType.Of(DataType.Float, new Shape([batch, 4, 8, 8])))],
            Initializers = inits,
        };
        var function = new FunctionDef
        {
            Name = "MyOp", Domain = "com.example", Inputs = ["a", "b", "c"], Outputs = ["o", "o2"], AttributeNames = ["fs"],
            AttributeDefaults = [new NodeAttribute { Name = "scale", Type = AttributeType.Float, F = 2 }],
            Nodes =
            [
                new Node { Name = "fadd", OpType = "Add", Inputs = ["a", "a"], Outputs = ["o"] },
                new Node
                {
                    Name = "fref", OpType = "LeakyRelu", Inputs = ["a"], Outputs = ["o2"],
                    Attributes = Attrs(new NodeAttribute { Name = "alpha", Type = AttributeType.Float, RefAttrName = "scale" }),
                },
            ],
            Opsets = new Dictionary<string, long> { [""] = 17 },
        };
        return new Model
        {
            Path = "small.onnx", IrVersion = 8, ProducerName = "tests", ProducerVersion = "1.0", Domain = "org.test", ModelVersion = 3,
            DocString = "doc", Opsets = new Dictionary<string, long> { [""] = 17, ["com.example"] = 1 },
            Metadata = new Dictionary<string, string> { ["k"] = "v" }, Graph = graph, Functions = [function],
        };
    }

    // The reader names unnamed nodes OpType_index; build the expectation that way.
    private static List<Node> ReadBackNames(List<Node> nodes) => nodes.Select((n, i) => n.Name.Length > 0 ? n : new Node
    {
        Name = $"{n.OpType}_{i}", OpType = n.OpType, Domain = n.Domain, Inputs = n.Inputs, Outputs = n.Outputs, Attributes = n.Attributes,
    }).ToList();

    public static byte[] Bytes(Model m)
    {
        using var ms = new MemoryStream();
        ModelMeter.Onnx.OnnxWriter.Write(m, ms);
        return ms.ToArray();
    }
}

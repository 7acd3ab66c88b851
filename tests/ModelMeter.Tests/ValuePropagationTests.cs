using ModelMeter.Graphs;
using ModelMeter.Shapes;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>Value propagation through the exporter chains, checked against hand-worked ONNX semantics.</summary>
public sealed class ValuePropagationTests
{
    private static Node N(string op, string[] ins, string[] outs, params NodeAttribute[] attrs) => new()
    {
        Name = outs[0], OpType = op, Inputs = ins, Outputs = outs,
        Attributes = attrs.ToDictionary(a => a.Name),
    };

    private static TensorData Ints(string name, params long[] v) => new()
    {
        Name = name, DataType = DataType.Int64, Dims = [v.Length], Encoding = TensorEncoding.Decoded, InlineValues = v.Select(x => (double)x).ToArray(),
    };

    private static TensorData Scalar(string name, long v) => new()
    {
        Name = name, DataType = DataType.Int64, Dims = [], Encoding = TensorEncoding.Decoded, InlineValues = [v],
    };

    [Fact]
    public void Shape_Gather_Concat_Reshape_keeps_batch_symbolic()
    {
        // PyTorch's x.view(x.size(0), -1) on [batch, 64, 7, 7]: Shape → Gather(0) → Unsqueeze → Concat([b], [-1]) → Reshape
        var g = new Graph
        {
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([Dim.Symbol("batch"), 64, 7, 7])))],
            Initializers = new Dictionary<string, TensorData> { ["i0"] = Scalar("i0", 0), ["ax"] = Ints("ax", 0), ["m1"] = Ints("m1", -1) },
            Nodes =
            [
                N("Shape", ["x"], ["s"]),
                N("Gather", ["s", "i0"], ["b"]),
                N("Unsqueeze", ["b", "ax"], ["b1"]),
                N("Concat", ["b1", "m1"], ["shape"], new NodeAttribute { Name = "axis", Type = AttributeType.Int, I = 0 }),
                N("Reshape", ["x", "shape"], ["y"]),
            ],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
        };
        var model = new Model { Graph = g, Opsets = new Dictionary<string, long> { [""] = 17 } };
        var r = ShapeEngine.Infer(model);
        Assert.Equal("[batch,3136]", r.Value("y")!.Type.Shape!.ToString()); // 64·7·7 = 3136
        var r8 = ShapeEngine.Infer(model, new ShapeOptions(Dims: new Dictionary<string, long> { ["batch"] = 8 }));
        Assert.Equal(Shape.Of(8, 3136), r8.Value("y")!.Type.Shape);
    }

    [Fact]
    public void Integer_Div_truncates_toward_zero_and_Slice_clamps()
    {
        // ONNX integer Div: -7 / 2 = -3 (C truncation); Slice [1:1000] of a 4-element vector clamps to 3 elements
        var g = new Graph
        {
            Initializers = new Dictionary<string, TensorData>
            {
                ["a"] = Ints("a", -7, 9, 4, 5), ["two"] = Ints("two", 2), ["st"] = Ints("st", 1), ["en"] = Ints("en", 1000),
            },
            Nodes = [N("Div", ["a", "two"], ["q"]), N("Slice", ["q", "st", "en"], ["s"])],
            Outputs = [new ValueInfo("s", TensorType.Unknown)],
        };
        var r = ShapeEngine.Infer(new Model { Graph = g, Opsets = new Dictionary<string, long> { [""] = 13 } });
        Assert.Equal(new long[] { -3, 4, 2, 2 }, r.Value("q")!.Values!);
        Assert.Equal(new long[] { 4, 2, 2 }, r.Value("s")!.Values!);
    }
    [Fact]
    public void Expand_with_minus_one_pattern_keeps_batch()
    {
        // torchvision ViT's class_token.expand(n, -1, -1): Concat([n],[-1],[-1]) → Equal(·, -1) → Where(·, 1, ·) → Expand.
        // A size is never -1, so Equal(batch, -1) = 0 and the target is [batch, 1, 1]: output [batch, 1, 768].
        var g = new Graph
        {
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([Dim.Symbol("batch"), 196, 768])))],
            Initializers = new Dictionary<string, TensorData>
            {
                ["i0"] = Scalar("i0", 0), ["ax"] = Ints("ax", 0), ["m1"] = Ints("m1", -1), ["neg"] = Ints("neg", -1, -1, -1),
                ["ones"] = Ints("ones", 1, 1, 1),
                ["tok"] = new TensorData { Name = "tok", DataType = DataType.Float, Dims = [1, 1, 768] },
            },
            Nodes =
            [
                N("Shape", ["x"], ["s"]),
                N("Gather", ["s", "i0"], ["b"]),
                N("Unsqueeze", ["b", "ax"], ["b1"]),
                N("Concat", ["b1", "m1", "m1"], ["target"], new NodeAttribute { Name = "axis", Type = AttributeType.Int, I = 0 }),
                N("Equal", ["target", "neg"], ["eq"]),
                N("Where", ["eq", "ones", "target"], ["w"]),
                N("Expand", ["tok", "w"], ["y"]),
                N("Greater", ["b", "i0"], ["gt"]),
            ],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
        };
        var r = ShapeEngine.Infer(new Model { Graph = g, Opsets = new Dictionary<string, long> { [""] = 17 } });
        Assert.Equal(new long[] { 0, 1, 1 }, r.Value("eq")!.Values!);
        Assert.Equal("[batch,1,768]", r.Value("y")!.Type.Shape!.ToString());
        Assert.Equal([1L], r.Value("gt")!.Values!); // symbolic sizes are at least 1 (docs/counting.md, "Dim expressions")
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Shapes;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>If with a condition that is not constant, and model-local functions, on hand-built models with hand-computed counts.</summary>
public sealed class ControlFlowAndFunctionTests
{
    private static readonly Dictionary<string, long> s_batch2 = new() { ["batch"] = 2 };

    private static Node N(string op, string[] ins, string[] outs, string domain = "", params NodeAttribute[] attrs) => new()
    {
        Name = outs[0], OpType = op, Domain = domain, Inputs = ins, Outputs = outs, Attributes = attrs.ToDictionary(a => a.Name),
    };

    private static TensorData W(string name, params long[] dims) => new() { Name = name, DataType = DataType.Float, Dims = dims };

    private static ValueInfo In(string name, params Dim[] dims) => new(name, TensorType.Of(DataType.Float, new Shape(dims)));

    private static NodeAttribute Ints(string name, params long[] v) => new() { Name = name, Type = AttributeType.Ints, Ints = v };

    [Fact]
    public void If_with_unknown_condition_counts_the_costlier_branch_and_takes_its_rank()
    {
        // then: Identity(x) → [batch,4] (0 FLOPs); else: MatMul(x, W[4,8]) → Unsqueeze(0) → [1,batch,8]: 4·8 MACs per row
        var then = new Graph { Nodes = [N("Identity", ["x"], ["t_out"])], Outputs = [new ValueInfo("t_out", TensorType.Unknown)] };
        var els = new Graph
        {
            Initializers = new Dictionary<string, TensorData> { ["w"] = W("w", 4, 8), ["ax"] = new() { Name = "ax", DataType = DataType.Int64, Dims = [1], Encoding = TensorEncoding.Decoded, InlineValues = [0] } },
            Nodes = [N("MatMul", ["x", "w"], ["mm"]), N("Unsqueeze", ["mm", "ax"], ["e_out"])],
            Outputs = [new ValueInfo("e_out", TensorType.Unknown)],
        };
        var g = new Graph
        {
            Inputs = [In("x", Dim.Symbol("batch"), 4), new ValueInfo("c", TensorType.Of(DataType.Bool, Shape.Scalar))],
            Nodes =
            [
                N("If", ["c"], ["y"], "",
                    new NodeAttribute { Name = "then_branch", Type = AttributeType.Graph, G = then },
                    new NodeAttribute { Name = "else_branch", Type = AttributeType.Graph, G = els }),
            ],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
        };
        var model = new Model { Graph = g, Opsets = new Dictionary<string, long> { [""] = 17 } };
        var p = Analyzer.Analyze(model, new ShapeOptions(Dims: s_batch2));
        Assert.Equal("[1,batch,8]", Analyzer.Analyze(model).Outputs[0].Shape!.ToString());
        Assert.Equal(2 * 4 * 8, p.Totals.Macs);
        Assert.Equal(32, p.Totals.Params);
        Assert.Contains(p.Diagnostics, d => d.Severity == Severity.Info && d.Message.Contains("costlier (else", StringComparison.Ordinal));
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity >= Severity.Warning);
    }

    /// <summary>custom:LinearT(X, W) = Transpose(MatMul(X, W), perm = caller's perm, default [1,0]).</summary>
    private static Model FunctionModel() => new()
    {
        Opsets = new Dictionary<string, long> { [""] = 17, ["custom"] = 1 },
        Functions =
        [
            new FunctionDef
            {
                Name = "LinearT", Domain = "custom", Inputs = ["X", "W"], Outputs = ["Y"], AttributeNames = ["perm"],
                AttributeDefaults = [Ints("perm", 1, 0)],
                Opsets = new Dictionary<string, long> { [""] = 17 },
                Nodes =
                [
                    N("MatMul", ["X", "W"], ["t"]),
                    N("Transpose", ["t"], ["Y"], "", new NodeAttribute { Name = "perm", Type = AttributeType.Ints, RefAttrName = "perm" }),
                ],
            },
        ],
        Graph = new Graph
        {
            Inputs = [In("x", Dim.Symbol("batch"), 16)],
            Initializers = new Dictionary<string, TensorData> { ["w1"] = W("w1", 16, 32), ["w2"] = W("w2", 32, 8) },
            Nodes =
            [
                N("LinearT", ["x", "w1"], ["h"], "custom", Ints("perm", 0, 1)), // [batch,32]
                N("LinearT", ["h", "w2"], ["y"], "custom"),                    // default perm [1,0]: [8,batch]
            ],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
        },
    };

    [Fact]
    public void Model_local_function_is_expanded_with_attribute_references_and_defaults()
    {
        // round trip through our writer and reader, so FunctionProto (and ref_attr_name) is read from a file
        using var ms = new MemoryStream();
        OnnxWriter.Write(FunctionModel(), ms);
        var model = OnnxReader.Read(ms.ToArray(), "functions.onnx");
        Assert.Single(model.Functions);
        var p = Analyzer.Analyze(model, new ShapeOptions(Dims: s_batch2));
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.Equal("[8,batch]", Analyzer.Analyze(model).Outputs[0].Shape!.ToString());
        Assert.Equal("[2,32]", p.Nodes[0].Outputs[0].Shape!.ToString());
        // MACs: 2·16·32 + 2·32·8 = 1024 + 512; params: 16·32 + 32·8 = 768
        Assert.Equal(1536, p.Totals.Macs);
        Assert.Equal(2 * 1536, p.Totals.Flops);
        Assert.Equal(768, p.Totals.Params);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity >= Severity.Warning);
    }

    [Fact]
    public void Call_without_a_function_definition_is_an_unknown_op()
    {
        var m = FunctionModel();
        var noFunctions = new Model { Graph = m.Graph, Opsets = m.Opsets };
        var p = Analyzer.Analyze(noFunctions);
        Assert.Equal(2, p.Totals.UnknownNodes);
        Assert.Contains(p.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("LinearT", StringComparison.Ordinal));
    }
}

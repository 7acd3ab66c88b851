using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>Loop cost = body × trip count, where the trip count comes from a constant or from <c>--dim</c>.</summary>
public class LoopTripCountTests
{
    // Loop(M, cond, acc) whose body adds the outer-scope x [2,3] to acc: 6 FLOPs (one Add per element) per iteration.
    private static Model LoopModel(TensorData? constantTrips = null)
    {
        var body = new Graph
        {
            Name = "body",
            Inputs = [new ValueInfo("i", TensorType.Of(DataType.Int64, Shape.Scalar)), new ValueInfo("c", TensorType.Of(DataType.Bool, Shape.Scalar)),
                      new ValueInfo("acc", TensorType.Of(DataType.Float, 2, 3))],
            Outputs = [new ValueInfo("c_out", TensorType.Unknown), new ValueInfo("acc_out", TensorType.Unknown)],
            Nodes =
            [
                new Node { Name = "keep", OpType = "Identity", Inputs = ["c"], Outputs = ["c_out"] },
                new Node { Name = "add", OpType = "Add", Inputs = ["acc", "x"], Outputs = ["acc_out"] },
            ],
        };
        var inputs = new List<ValueInfo>
        {
            new("cond", TensorType.Of(DataType.Bool, Shape.Scalar)),
            new("acc0", TensorType.Of(DataType.Float, 2, 3)),
            new("x", TensorType.Of(DataType.Float, 2, 3)),
        };
        var inits = new Dictionary<string, TensorData>();
        if (constantTrips is null) inputs.Insert(0, new ValueInfo("M", TensorType.Of(DataType.Int64, Shape.Scalar)));
        else inits["M"] = constantTrips;
        var loop = new Node
        {
            Name = "loop", OpType = "Loop", Inputs = ["M", "cond", "acc0"], Outputs = ["acc_final"],
            Attributes = new Dictionary<string, NodeAttribute> { ["body"] = new() { Name = "body", Type = AttributeType.Graph, G = body } },
        };
        return new Model
        {
            Path = "loop.onnx",
            Opsets = new Dictionary<string, long> { [""] = 17 },
            Graph = new Graph { Nodes = [loop], Inputs = inputs, Initializers = inits, Outputs = [new ValueInfo("acc_final", TensorType.Unknown)] },
        };
    }

    [Fact]
    public void Constant_trip_count_multiplies_the_body()
    {
        var m = new TensorData { Name = "M", DataType = DataType.Int64, Dims = [], Encoding = TensorEncoding.Decoded, InlineValues = [7] };
        var p = Analyzer.Analyze(LoopModel(m));
        Assert.Equal(7 * 6, p.Totals.Flops);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity != Severity.Info);
    }

    [Fact]
    public void Trip_count_from_a_graph_input_is_set_with_dim()
    {
        var unset = Analyzer.Analyze(LoopModel());
        Assert.Equal(6, unset.Totals.Flops); // counted once, and said so
        Assert.Contains(unset.Diagnostics, d => d.Message.Contains("--dim M=N", StringComparison.Ordinal));

        var set = Analyzer.Analyze(LoopModel(), new ShapeOptions(Dims: new Dictionary<string, long> { ["M"] = 10 }));
        Assert.Equal(10 * 6, set.Totals.Flops);
        // Bytes read: the Loop node reads M (8 B), cond (1 B) and acc0 (24 B) once; each iteration Identity reads c (1 B)
        // and Add reads acc and x (24 B each).
        Assert.Equal(8 + 1 + 24 + 10 * (1 + 24 + 24), set.Totals.BytesRead);
    }

    [Fact]
    public void A_dim_the_model_never_uses_is_reported()
    {
        var p = Analyzer.Analyze(LoopModel(), new ShapeOptions(Dims: new Dictionary<string, long> { ["M"] = 2, ["bacth"] = 8 }));
        Assert.Contains(p.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("'bacth'", StringComparison.Ordinal));
        Assert.DoesNotContain(p.Diagnostics, d => d.Message.Contains("'M'", StringComparison.Ordinal));
    }
}

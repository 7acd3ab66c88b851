using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// Weight bytes as a part of bytes read (docs/counting.md "Weight bytes") for nodes that are not plain ops: unknown
/// ops (zero cost, constants still parameters) and a Loop whose body reads an outer weight every iteration.
/// </summary>
public class WeightReadTests
{
    [Fact]
    public void Unknown_op_counts_zero_bytes_but_its_constants_are_params()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3);
        g.Out(g.Add("NoSuchOp", "mystery", ["x", g.Init("w", DataType.Float, 3, 3)], domain: "example.custom"));
        var p = g.Analyze();
        var n = p.Node("mystery");
        Assert.False(n.Counted);
        Assert.Equal((0L, 0L, 0L), (n.BytesRead, n.BytesWritten, n.WeightBytes)); // weight bytes stay within bytes read
        Assert.Equal(9, n.Params);
        Assert.Equal(36, p.Totals.WeightBytes);
        Assert.Equal(1, p.Totals.UnknownNodes);
    }

    [Fact]
    public void Loop_body_weight_reads_count_per_iteration()
    {
        // Loop M = 3 over acc [1,4]: body acc_out = MatMul(acc, W) with W [4,4] an outer initializer (64 bytes)
        // per iteration: MACs 16; reads acc 16 B + W 64 B, writes 16 B; Identity(cond) reads 1 B, writes 1 B
        var body = new Graph
        {
            Name = "body",
            Inputs = [new ValueInfo("i", TensorType.Of(DataType.Int64, Shape.Scalar)), new ValueInfo("c", TensorType.Of(DataType.Bool, Shape.Scalar)),
                      new ValueInfo("acc", TensorType.Of(DataType.Float, 1, 4))],
            Outputs = [new ValueInfo("c_out", TensorType.Unknown), new ValueInfo("acc_out", TensorType.Unknown)],
            Nodes =
            [
                new Node { Name = "keep", OpType = "Identity", Inputs = ["c"], Outputs = ["c_out"] },
                new Node { Name = "mm", OpType = "MatMul", Inputs = ["acc", "W"], Outputs = ["acc_out"] },
            ],
        };
        var g = new CostGraph();
        g.In("cond", DataType.Bool);
        g.In("acc0", DataType.Float, 1, 4);
        g.Values("M", DataType.Int64, [], 3);
        g.Init("W", DataType.Float, 4, 4);
        g.Out(g.Add("Loop", "loop", ["M", "cond", "acc0"], new Dictionary<string, NodeAttribute>
        {
            ["body"] = new() { Name = "body", Type = AttributeType.Graph, G = body },
        }));
        var p = g.Analyze();
        var n = p.Node("loop");
        Assert.Equal(3 * 16, n.Macs);
        Assert.Equal(8 + 3 * 64, n.WeightBytes); // the constant M (int64, 8 B) once, W on each of the 3 iterations
        Assert.Equal(16, n.Params);            // but counted once
        Assert.Equal(64, p.Totals.WeightBytes);
        // the Loop reads M 8 + cond 1 + acc0 16 = 25 B itself, then 3 × (16 + 64 + 1) = 243 B in the body
        Assert.Equal(25 + 243, n.BytesRead);
        Assert.True(n.WeightBytes <= n.BytesRead);
    }
}

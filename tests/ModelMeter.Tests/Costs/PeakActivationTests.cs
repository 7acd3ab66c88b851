using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// Peak activation memory (docs/counting.md, "Peak activation memory"): graph inputs and node outputs live from their
/// producer to their last consumer (graph outputs to the end), the maximum taken right after a node's outputs are
/// allocated and before its inputs are freed; constants (initializers, Constant outputs) excluded. Each peak is walked
/// by hand in the comments, every tensor float32 [1000] = 4000 bytes unless said.
/// </summary>
public class PeakActivationTests
{
    private static CostGraph Diamond(bool aIsOutput)
    {
        // x → a = Relu(x); b = Neg(a); c = Abs(a); d = Add(b, c)
        var g = new CostGraph();
        g.In("x", DataType.Float, 1000);
        var a = g.Add("Relu", "a", ["x"]);
        var b = g.Add("Neg", "b", [a]);
        var c = g.Add("Abs", "c", [a]);
        g.Out(g.Add("Add", "d", [b, c]));
        if (aIsOutput) g.Out(a);
        return g;
    }

    [Fact]
    public void Diamond_peaks_when_both_branches_are_live()
    {
        // start {x} 4000; a: {x,a} 8000, free x → 4000; b: {a,b} 8000; c: {a,b,c} 12000, free a → 8000;
        // d: {b,c,d} 12000, free b,c → 4000. Peak 12,000.
        Assert.Equal(12_000, Diamond(aIsOutput: false).Analyze().Totals.PeakActivationBytes);
    }

    [Fact]
    public void Graph_outputs_stay_live_to_the_end()
    {
        // as above but a is a graph output: after c a stays, so d allocates over {a,b,c}: 16,000
        Assert.Equal(16_000, Diamond(aIsOutput: true).Analyze().Totals.PeakActivationBytes);
    }

    [Fact]
    public void Chain_with_growing_tensors_and_constants_excluded()
    {
        // x [1000] 4000 B; k = Constant float [5000] (20,000 B, excluded); w initializer [2000] (8000 B, excluded)
        // n1 = Concat(x, x) → [2000] 8000 B: {x, n1} = 12,000, free x → 8000
        // n2 = Add(n1, w)   → [2000] 8000 B: {n1, n2} = 16,000, free n1 → 8000
        // n3 = ReduceSum(n2) (all axes, keepdims) → [1] 4 B: {n2, n3} = 8004, free n2 → 4
        // n4 = Mul(n3, n3) → [1] 4 B: {n3, n4} = 8; k is a graph output but a constant: never live
        // Peak 16,000 (with the constants it would be 44,000).
        var g = new CostGraph();
        g.In("x", DataType.Float, 1000);
        var k = g.Add("Constant", "k", [], A(("value", new TensorData { Name = "k", DataType = DataType.Float, Dims = [5000] })));
        var w = g.Init("w", DataType.Float, 2000);
        var n1 = g.Add("Concat", "n1", ["x", "x"], A(("axis", 0L)));
        var n2 = g.Add("Add", "n2", [n1, w]);
        var n3 = g.Add("ReduceSum", "n3", [n2]);
        var n4 = g.Add("Mul", "n4", [n3, n3]);
        g.Out(n4, k);
        var p = g.Analyze();
        Assert.Equal(16_000, p.Totals.PeakActivationBytes);
    }

    [Fact]
    public void Graph_inputs_are_included()
    {
        // x float [1000] = 4000 B, y = ReduceSum(x) [1] = 4 B: right after y is allocated {x, y} = 4004
        var g = new CostGraph();
        g.In("x", DataType.Float, 1000);
        g.Out(g.Add("ReduceSum", "y", ["x"]));
        Assert.Equal(4004, g.Analyze().Totals.PeakActivationBytes);
    }

    [Fact]
    public void Element_types_size_the_live_tensors()
    {
        // x fp16 [1000] 2000 B → Cast to float 4000 B: {x, y} = 6000; → Cast to int4 [1000] = 500 B: {y, z} = 4500
        var g = new CostGraph();
        g.In("x", DataType.Float16, 1000);
        var y = g.Add("Cast", "y", ["x"], A(("to", (long)DataType.Float)));
        g.Out(g.Add("Cast", "z", [y], A(("to", (long)DataType.Int4))));
        Assert.Equal(6000, g.Analyze().Totals.PeakActivationBytes);
    }
}

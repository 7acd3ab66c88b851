using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;
using ModelMeter.Ops;
using ModelMeter.Shapes;
using ModelMeter.Zoo;

namespace ModelMeter.Tests;

/// <summary>One-node graphs for rule tests, and a registry that fills in rules other branches own (Relu, Clip, Add, Flatten) when missing.</summary>
internal static class TestGraphs
{
    /// <summary>Builds a graph with one <paramref name="op"/> node over float inputs of the given dims (a name starting with '#' is an initializer).</summary>
    public static (InferredGraph Graph, ModelProfile Profile) One(string op, (string Name, long[] Dims)[] inputs, Dictionary<string, object>? attrs = null, int outputs = 1, IReadOnlyDictionary<string, long>? dims = null)
    {
        var b = new GraphBuilder("test");
        var names = new List<string>();
        foreach (var (name, d) in inputs)
        {
            if (name.Length == 0) names.Add("");
            else if (name.StartsWith('#')) names.Add(b.AddInitializer(name[1..], d));
            else names.Add(b.AddInput(name, DataType.Float, d.Select(v => v < 0 ? Dim.Symbol("batch") : Dim.Of(v)).ToArray()));
        }
        b.AddNode(op, names, attrs, outputs, "n");
        var model = b.Build();
        var g = ShapeEngine.Infer(model, new ShapeOptions(Dims: dims, Registry: Registry));
        return (g, CostCalculator.Compute(g));
    }

    /// <summary>Output shape <paramref name="i"/> of the single node as text, e.g. <c>[1,2,10,8]</c>.</summary>
    public static string Out(this (InferredGraph Graph, ModelProfile Profile) r, int i = 0) =>
        r.Graph.Nodes[0].Context.OutputType(i)?.ToString() ?? "unknown: " + string.Join("; ", r.Graph.Diagnostics.Select(d => d.Message));

    /// <summary>The node's cost.</summary>
    public static NodeCost Cost(this (InferredGraph Graph, ModelProfile Profile) r) => r.Profile.Nodes[0];

    /// <summary>The default rules plus stand-ins for Relu/Clip/Add/Flatten where branch opsrest has not landed them.</summary>
    public static OpRegistry Registry { get; } = BuildRegistry();

    private static OpRegistry BuildRegistry()
    {
        var r = OpRegistry.CreateDefault();
        foreach (var op in new[] { "Relu", "Clip" })
            if (r.Find("", op) is null) r.Register("", op, new SameShape());
        if (r.Find("", "Add") is null) r.Register("", "Add", new Broadcasting());
        if (r.Find("", "Flatten") is null) r.Register("", "Flatten", new Flatten2D());
        return r;
    }

    private sealed class SameShape : IOpRule
    {
        public void Infer(OpContext ctx) => ctx.SetOutput(0, ctx.InputType(0) ?? throw OpContext.Fail("input unknown"));
        public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 1);
    }

    private sealed class Broadcasting : IOpRule
    {
        public void Infer(OpContext ctx) => ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), ShapeMath.Broadcast(ctx.RequireShape(0), ctx.RequireShape(1))));
        public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 1);
    }

    private sealed class Flatten2D : IOpRule
    {
        public void Infer(OpContext ctx)
        {
            var s = ctx.RequireShape(0);
            int axis = (int)ctx.Node.GetInt("axis", 1);
            Dim a = 1, b = 1;
            for (int i = 0; i < s.Rank; i++) { if (i < axis) a *= s[i]; else b *= s[i]; }
            ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape([a, b])));
        }
        public OpCost Cost(OpContext ctx) => OpCost.Zero();
    }
}

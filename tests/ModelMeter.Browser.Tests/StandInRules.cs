using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Ops;

namespace ModelMeter.Browser.Tests;

/// <summary>
/// Used only for op types the library has no rule for yet (the op rules land on other branches): output 0 takes
/// input 0's type and the cost is 2 operations per output element, so the page has points to draw. The browser
/// test checks rendering and interaction, not counts.
/// </summary>
internal sealed class StandInRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        if (ctx.InputType(0) is { } t)
            for (var i = 0; i < ctx.OutputCount; i++)
                if (ctx.HasOutput(i)) ctx.SetOutput(i, t);
    }

    public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 2, OpClass.Other) with
    {
        WeightInputs = Enumerable.Range(1, Math.Max(0, ctx.InputCount - 1)).Where(ctx.IsConstantInput).ToList(),
    };

    public static OpRegistry RegistryFor(Model model)
    {
        var registry = OpRegistry.CreateDefault();
        foreach (var n in model.Graph.Nodes)
            if (registry.Find(n.Domain, n.OpType) is null) registry.Register(n.Domain, n.OpType, new StandInRule());
        return registry;
    }
}

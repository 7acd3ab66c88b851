using System.Runtime.CompilerServices;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Internals;
using ModelMeter.Shapes;

namespace ModelMeter.Ops;

/// <summary>Helpers for subgraph-holding ops.</summary>
internal static class SubgraphUtil
{
    /// <summary>The graph attribute <paramref name="name"/>, or a failure.</summary>
    public static Graph Body(OpContext ctx, string name) => ctx.Node.Attr(name)?.G ?? throw OpContext.Fail($"missing graph attribute '{name}'");

    /// <summary>Type of the subgraph's output <paramref name="i"/>.</summary>
    public static TensorType? Out(InferredGraph g, int i) => i < g.Graph.Outputs.Count ? g.Value(g.Graph.Outputs[i].Name)?.Type : null;

    /// <summary>Two possible types of one value: equal dims kept, differing dims unknown.</summary>
    public static TensorType? Merge(TensorType? a, TensorType? b)
    {
        if (a is null || b is null) return a ?? b;
        if (a == b || a.Equals(b)) return a;
        if (a.Kind != ValueKind.Tensor || b.Kind != ValueKind.Tensor) return a.Kind == b.Kind ? a with { Element = Merge(a.Element, b.Element), Items = null } : a;
        if (a.Shape is null || b.Shape is null || a.Shape.Rank != b.Shape.Rank) return a with { Shape = null };
        return a with { Shape = new Shape(a.Shape.Dims.Select((d, i) => d == b.Shape[i] ? d : Dim.Unknown)) };
    }

    /// <summary>A shape with <paramref name="d"/> inserted at <paramref name="axis"/>.</summary>
    public static Shape? Insert(Shape? s, int axis, Dim d)
    {
        if (s is null) return null;
        var dims = s.Dims.ToList();
        if (axis < 0) axis += dims.Count + 1;
        dims.Insert(Math.Clamp(axis, 0, dims.Count), d);
        return new Shape(dims);
    }

    /// <summary>A shape without the dim at <paramref name="axis"/>.</summary>
    public static Shape? Remove(Shape? s, int axis)
    {
        if (s is null) return null;
        int a = ShapeMath.Axis(axis, s.Rank);
        return new Shape(s.Dims.Where((_, i) => i != a));
    }

    /// <summary>Trip count as a number for counting; reports a diagnostic when it is not known.</summary>
    public static Count Trips(OpContext ctx, Dim trips)
    {
        if (trips.IsUnknown) ctx.Report(Severity.Warning, $"{ctx.Node.OpType}: trip count not known; the body is counted once");
        else if (trips.Evaluate(ctx.Binding.UserValue) is null)
            ctx.Report(Severity.Info, $"{ctx.Node.OpType}: trip count {trips} not set; the body is counted with each unset symbol as 1 (set it with --dim {string.Join(",", trips.Symbols.Select(x => x + "=N"))})");
        return Count.Max(0, ctx.Eval(trips));
    }
}

/// <summary>
/// If: a constant condition selects a branch. Otherwise both branches are inferred, the costlier (by FLOPs) is counted
/// (an Info diagnostic says so), and the outputs take the counted branch's types, with its unknown dims filled in from
/// the other branch where that one knows them (branches may return different ranks, as silero VAD's do).
/// </summary>
internal sealed class IfRule : IOpRule
{
    private static readonly ConditionalWeakTable<OpContext, InferredGraph> s_counted = new();

    public void Infer(OpContext ctx)
    {
        var tg = ctx.InferSubgraph("then_branch", SubgraphUtil.Body(ctx, "then_branch"), []);
        var eg = ctx.InferSubgraph("else_branch", SubgraphUtil.Body(ctx, "else_branch"), []);
        var cond = OpUtil.Scalar(ctx.InputDimValues(0));
        InferredGraph counted;
        if (cond is { } c) counted = c != 0 ? tg : eg;
        else
        {
            long ft = CostCalculator.Compute(tg).Totals.Flops, fe = CostCalculator.Compute(eg).Totals.Flops;
            counted = ft >= fe ? tg : eg;
            s_counted.AddOrUpdate(ctx, counted);
            ctx.Report(Severity.Info, $"If: condition not constant; both branches analysed, the costlier ({(counted == tg ? "then" : "else")}: {Math.Max(ft, fe):N0} FLOPs vs {Math.Min(ft, fe):N0}) is counted and gives the output types");
        }
        var other = counted == tg ? eg : tg;
        for (int i = 0; i < ctx.OutputCount; i++)
        {
            var chosen = SubgraphUtil.Out(counted, i);
            var type = cond is null ? Prefer(chosen, SubgraphUtil.Out(other, i)) : chosen;
            var dv = counted.Graph.Outputs.Count > i ? counted.Value(counted.Graph.Outputs[i].Name)?.DimValues : null;
            if (cond is null && dv is not null)
            {
                var odv = other.Graph.Outputs.Count > i ? other.Value(other.Graph.Outputs[i].Name)?.DimValues : null;
                if (odv is null || !odv.SequenceEqual(dv)) dv = null;
            }
            if (type is not null) ctx.SetOutputDims(i, type, dv);
        }
    }

    /// <summary>The counted branch's type, its unknown parts filled in from the other branch's where they agree in rank.</summary>
    internal static TensorType? Prefer(TensorType? counted, TensorType? other)
    {
        if (counted is null || other is null) return counted ?? other;
        if (counted.Kind != ValueKind.Tensor || other.Kind != ValueKind.Tensor) return counted;
        var et = counted.ElementType == DataType.Undefined ? other.ElementType : counted.ElementType;
        var shape = counted.Shape;
        if (shape is null) shape = other.Shape;
        else if (other.Shape is { } os && os.Rank == shape.Rank)
            shape = new Shape(shape.Dims.Select((d, k) => d.IsUnknown ? os[k] : d));
        return counted with { ElementType = et, Shape = shape };
    }

    public OpCost Cost(OpContext ctx)
    {
        var tg = ctx.Subgraphs["then_branch"];
        var eg = ctx.Subgraphs["else_branch"];
        InferredGraph chosen = OpUtil.Scalar(ctx.InputDimValues(0)) is { } c ? (c != 0 ? tg : eg)
            : s_counted.TryGetValue(ctx, out var counted) ? counted : tg;
        return OpCost.Zero(OpClass.ControlFlow) with { Nested = [new NestedCost(chosen, 1)] };
    }
}

/// <summary>
/// Loop(M, cond, v_initial…): body(iter, cond, carried…) → (cond, carried…, scan…). Outputs: final carried values
/// and scan outputs stacked along a new first axis of length M (when known). Cost: body × trip count.
/// </summary>
internal sealed class LoopRule : IOpRule
{
    /// <summary>
    /// The trip count M: its value when known; a symbol the user can set with <c>--dim</c> when M is a graph input
    /// (named after that input); unknown otherwise (computed from data).
    /// </summary>
    private static Dim TripCount(OpContext ctx)
    {
        if (!ctx.HasInput(0)) return Dim.Unknown;
        if (ctx.InputDimValues(0) is { Length: 1 } v && !v[0].IsUnknown)
            return v[0].IsKnown && v[0].Value >= int.MaxValue ? Dim.Unknown : v[0]; // INT64_MAX means "until the condition"
        return ctx.Input(0) is { Producer: null, IsConstantTensor: false } ? Dim.Symbol(ctx.Node.Inputs[0]) : Dim.Unknown;
    }

    public void Infer(OpContext ctx)
    {
        var body = SubgraphUtil.Body(ctx, "body");
        int n = ctx.InputCount - 2;
        var types = new List<TensorType?> { TensorType.Of(DataType.Int64, Shape.Scalar), TensorType.Of(DataType.Bool, Shape.Scalar) };
        for (int i = 0; i < n; i++) types.Add(NoItems(ctx.InputType(i + 2))); // a carried sequence grows per iteration
        var g = ctx.InferSubgraph("body", body, types);
        var trips = TripCount(ctx);
        for (int i = 0; i < ctx.OutputCount; i++)
        {
            var t = SubgraphUtil.Out(g, i + 1);
            if (i < n) ctx.SetOutput(i, NoItems(Carried(t, ctx.InputType(i + 2)))!);
            else if (t is not null)
                ctx.SetOutput(i, t.Kind == ValueKind.Tensor ? t with { Shape = SubgraphUtil.Insert(t.Shape, 0, trips) } : t);
        }
    }

    /// <summary>Without per-element sequence types: the body runs an unknown or data-dependent number of times.</summary>
    private static TensorType? NoItems(TensorType? t) => t is { Items: not null } ? t with { Items = null } : t;

    /// <summary>A loop-carried value: the body's dims where it knows them and agrees, else the initial value's.</summary>
    private static TensorType Carried(TensorType? body, TensorType? initial)
    {
        if (body is null || initial is null) return body ?? initial ?? TensorType.Unknown;
        if (body.Kind != ValueKind.Tensor || initial.Shape is null) return body;
        if (body.Shape is null) return initial;
        if (body.Shape.Rank != initial.Shape.Rank) return body with { Shape = null };
        return body with { Shape = new Shape(body.Shape.Dims.Select((d, i) => d.IsUnknown ? initial.Shape[i] : d == initial.Shape[i] ? d : Dim.Unknown)) };
    }

    public OpCost Cost(OpContext ctx) =>
        OpCost.Zero(OpClass.ControlFlow) with { Nested = [new NestedCost(ctx.Subgraphs["body"], SubgraphUtil.Trips(ctx, TripCount(ctx)))] };
}

/// <summary>
/// Scan (opset 9+: states then num_scan_inputs scan inputs; opset 8: optional sequence_lens first and a batch axis):
/// the body sees one slice per iteration; scan outputs are stacked along scan_output_axes. Cost: body × sequence length.
/// </summary>
internal sealed class ScanRule : IOpRule
{
    public void Infer(OpContext ctx)
    {
        var body = SubgraphUtil.Body(ctx, "body");
        int m = (int)ctx.Node.GetInt("num_scan_inputs", 1);
        bool v8 = ctx.Opset < 9;
        int first = v8 ? 1 : 0;
        int n = ctx.InputCount - first - m;
        var inAxes = ctx.Node.GetInts("scan_input_axes");
        var outAxes = ctx.Node.GetInts("scan_output_axes");
        var types = new List<TensorType?>();
        Dim seq = Dim.Unknown, batch = Dim.Unknown;
        for (int i = 0; i < n; i++)
        {
            var t = ctx.InputType(first + i);
            if (v8 && t?.Shape is { } s0) { batch = s0[0]; t = t with { Shape = SubgraphUtil.Remove(s0, 0) }; }
            types.Add(t);
        }
        for (int j = 0; j < m; j++)
        {
            var t = ctx.InputType(first + n + j);
            int axis = v8 ? 1 : (int)(inAxes is { } ia && j < ia.Count ? ia[j] : 0);
            if (t?.Shape is { } s)
            {
                int a = ShapeMath.Axis(axis, s.Rank);
                if (seq.IsUnknown) seq = s[a];
                if (v8) batch = s[0];
                var sh = SubgraphUtil.Remove(s, a);
                if (v8) sh = SubgraphUtil.Remove(sh, 0);
                t = t with { Shape = sh };
            }
            types.Add(t);
        }
        var g = ctx.InferSubgraph("body", body, types);
        for (int i = 0; i < ctx.OutputCount; i++)
        {
            var t = SubgraphUtil.Out(g, i);
            if (t is null) continue;
            Shape? sh;
            if (i < n) sh = v8 ? SubgraphUtil.Insert(t.Shape, 0, batch) : t.Shape;
            else
            {
                int k = i - n;
                int axis = v8 ? 0 : (int)(outAxes is { } oa && k < oa.Count ? oa[k] : 0);
                sh = SubgraphUtil.Insert(t.Shape, axis, seq);
                if (v8) sh = SubgraphUtil.Insert(sh, 0, batch);
            }
            ctx.SetOutput(i, t with { Shape = sh });
        }
    }

    public OpCost Cost(OpContext ctx)
    {
        int m = (int)ctx.Node.GetInt("num_scan_inputs", 1);
        int first = ctx.Opset < 9 ? 1 : 0;
        int n = ctx.InputCount - first - m;
        var t = ctx.InputShape(first + n);
        var inAxes = ctx.Node.GetInts("scan_input_axes");
        Dim seq = t is null ? Dim.Unknown : t[ShapeMath.Axis(ctx.Opset < 9 ? 1 : inAxes is { Count: > 0 } ia ? ia[0] : 0, t.Rank)];
        if (ctx.Opset < 9 && t is not null) seq = seq * t[0];
        return OpCost.Zero(OpClass.ControlFlow) with { Nested = [new NestedCost(ctx.Subgraphs["body"], SubgraphUtil.Trips(ctx, seq))] };
    }
}

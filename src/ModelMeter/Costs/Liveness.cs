using ModelMeter.Shapes;

namespace ModelMeter.Costs;

/// <summary>Peak activation memory: live graph inputs and node outputs over the topological order.</summary>
internal static class Liveness
{
    /// <summary>The peak, or <see cref="long.MaxValue"/> when the live bytes overflow 64 bits.</summary>
    public static long PeakActivationBytes(InferredGraph g) => PeakActivation(g).Value;

    /// <summary>The peak with its formula (unknown when the peak is not one short expression); <see cref="long.MaxValue"/> on overflow.</summary>
    public static Count PeakActivation(InferredGraph g)
    {
        try { return Peak(g); }
        catch (OverflowException) { return new Count(long.MaxValue, Graphs.Dim.Unknown); }
    }

    /// <summary>Longest peak formula kept (characters of its grammar form).</summary>
    private const int MaxFormulaLength = 2000;

    private static Count Peak(InferredGraph g)
    {
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < g.Nodes.Count; i++)
            foreach (var x in g.Nodes[i].Node.Inputs)
                if (x.Length > 0) lastUse[x] = i;
        var outputs = g.Graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var live = new Dictionary<string, Count>(StringComparer.Ordinal);
        Count current = 0, peak = 0;
        foreach (var input in g.Graph.RealInputs)
        {
            var b = Size(g, input.Name);
            if (live.TryAdd(input.Name, b)) current = checked(current + b);
        }
        peak = current;
        for (int i = 0; i < g.Nodes.Count; i++)
        {
            foreach (var o in g.Nodes[i].Node.Outputs)
            {
                if (o.Length == 0 || g.Value(o)?.IsConstantTensor == true) continue;
                var b = Size(g, o);
                if (live.TryAdd(o, b)) current = checked(current + b);
            }
            peak = Count.Max(peak, current);
            if (!peak.Formula.IsUnknown && (peak.Formula.ToExpression()?.Length ?? 0) > MaxFormulaLength) peak = new Count(peak.Value, Graphs.Dim.Unknown);
            foreach (var name in live.Keys.ToList())
            {
                if (outputs.Contains(name)) continue;
                if (!lastUse.TryGetValue(name, out var last) || last <= i)
                {
                    current -= live[name];
                    live.Remove(name);
                }
            }
        }
        return peak;
    }

    private static Count Size(InferredGraph g, string name)
    {
        var t = g.Value(name)?.Type;
        try { return t is null ? 0 : g.Binding.BytesCount(t); }
        catch (OverflowException) { return 0; }
    }
}

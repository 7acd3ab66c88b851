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
        int count = g.Nodes.Count;
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            foreach (var x in g.Nodes[i].Node.Inputs)
                if (x.Length > 0) lastUse[x] = i;
        // the values whose last reader is node i (freed after it): O(1) work per value instead of a scan of the live set per node
        var freedAfter = new List<string>?[count];
        foreach (var (name, last) in lastUse) (freedAfter[last] ??= []).Add(name);
        var outputs = g.Graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var live = new Dictionary<string, Count>(StringComparer.Ordinal);
        Count current = 0, peak = 0;
        var unread = new List<string>();
        foreach (var input in g.Graph.RealInputs)
        {
            var b = Size(g, input.Name);
            if (live.TryAdd(input.Name, b)) current = checked(current + b);
            if (!lastUse.ContainsKey(input.Name)) unread.Add(input.Name);
        }
        peak = current;
        void Free(string name)
        {
            if (!outputs.Contains(name) && live.Remove(name, out var b)) current -= b;
        }
        for (int i = 0; i < count; i++)
        {
            var produced = g.Nodes[i].Node.Outputs;
            foreach (var o in produced)
            {
                if (o.Length == 0 || g.Value(o)?.IsConstantTensor == true) continue;
                var b = Size(g, o);
                if (live.TryAdd(o, b)) current = checked(current + b);
            }
            peak = Count.Max(peak, current);
            if (!peak.Formula.IsUnknown && (peak.Formula.ToExpression()?.Length ?? 0) > MaxFormulaLength) peak = new Count(peak.Value, Graphs.Dim.Unknown);
            // freed after node i: what it read last, what it wrote that nothing reads later, and (after the first node) unread inputs
            if (freedAfter[i] is { } dying) foreach (var name in dying) Free(name);
            foreach (var o in produced)
                if (o.Length > 0 && (!lastUse.TryGetValue(o, out var last) || last <= i)) Free(o);
            if (i == 0) foreach (var name in unread) Free(name);
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

using ModelMeter.Graphs;

namespace ModelMeter.Shapes;

/// <summary>Orders a graph's nodes topologically, keeping file order among ready nodes (deterministic).</summary>
internal static class TopologicalOrder
{
    public static List<Node> Sort(Graph g, IEnumerable<string> available, out List<Node> cyclic, out List<(string Node, string Value)> missing)
    {
        var nodes = g.Nodes;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
            foreach (var o in nodes[i].Outputs)
                if (o.Length > 0) producer.TryAdd(o, i);
        var avail = new HashSet<string>(available, StringComparer.Ordinal);
        var indeg = new int[nodes.Count];
        var consumers = new List<int>[nodes.Count];
        missing = [];
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var name in Dependencies(nodes[i]))
            {
                if (name.Length == 0) continue;
                if (producer.TryGetValue(name, out var p) && !avail.Contains(name))
                {
                    if (p == i) { indeg[i]++; continue; } // self-loop: never ready
                    (consumers[p] ??= []).Add(i);
                    indeg[i]++;
                }
                else if (!avail.Contains(name) && nodes[i].Inputs.Contains(name))
                    missing.Add((nodes[i].Name, name));
            }
        }
        var ready = new SortedSet<int>();
        for (int i = 0; i < nodes.Count; i++) if (indeg[i] == 0) ready.Add(i);
        var order = new List<Node>(nodes.Count);
        var done = new bool[nodes.Count];
        while (ready.Count > 0)
        {
            var i = ready.Min;
            ready.Remove(i);
            done[i] = true;
            order.Add(nodes[i]);
            if (consumers[i] is null) continue;
            foreach (var c in consumers[i])
                if (--indeg[c] == 0) ready.Add(c);
        }
        cyclic = [];
        for (int i = 0; i < nodes.Count; i++) if (!done[i]) cyclic.Add(nodes[i]);
        return order;
    }

    /// <summary>Inputs plus the outer-scope names a node's subgraphs use (distinct).</summary>
    private static IEnumerable<string> Dependencies(Node n)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in n.Inputs) if (seen.Add(i)) yield return i;
        foreach (var sg in n.Subgraphs)
            foreach (var f in FreeVariables(sg, 0))
                if (seen.Add(f)) yield return f;
    }

    private static IEnumerable<string> FreeVariables(Graph g, int depth)
    {
        if (depth > ShapeEngine.MaxDepth) return [];
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in g.Inputs) defined.Add(i.Name);
        foreach (var k in g.Initializers.Keys) defined.Add(k);
        foreach (var n in g.Nodes) foreach (var o in n.Outputs) defined.Add(o);
        var free = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in g.Nodes)
        {
            foreach (var i in n.Inputs) if (i.Length > 0 && !defined.Contains(i)) free.Add(i);
            foreach (var sg in n.Subgraphs)
                foreach (var f in FreeVariables(sg, depth + 1)) if (!defined.Contains(f)) free.Add(f);
        }
        return free;
    }
}

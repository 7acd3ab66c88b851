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
        // ready nodes in file order: a min-heap of indices (O(log n) per node, no allocation per node)
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++) if (indeg[i] == 0) ready.Enqueue(i, i);
        var order = new List<Node>(nodes.Count);
        var done = new bool[nodes.Count];
        while (ready.TryDequeue(out var i, out _))
        {
            done[i] = true;
            order.Add(nodes[i]);
            if (consumers[i] is null) continue;
            foreach (var c in consumers[i])
                if (--indeg[c] == 0) ready.Enqueue(c, c);
        }
        cyclic = [];
        for (int i = 0; i < nodes.Count; i++) if (!done[i]) cyclic.Add(nodes[i]);
        return order;
    }

    /// <summary>Inputs plus the outer-scope names a node's subgraphs use (distinct).</summary>
    private static IEnumerable<string> Dependencies(Node n)
    {
        // the common case (no attribute can hold a subgraph, no repeated input) allocates nothing
        if (n.Attributes.Count == 0 && AllDistinct(n.Inputs)) return n.Inputs;
        return WithSubgraphs(n);
    }

    private static bool AllDistinct(IReadOnlyList<string> names)
    {
        for (int i = 1; i < names.Count; i++)
            for (int j = 0; j < i; j++)
                if (string.Equals(names[i], names[j], StringComparison.Ordinal)) return false;
        return true;
    }

    private static IEnumerable<string> WithSubgraphs(Node n)
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

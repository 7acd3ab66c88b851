namespace ModelMeter.Engines;

/// <summary>Finds scaled-dot-product attention in a graph: MatMul(Q, Kᵀ) → [scale, mask, cast …] → Softmax → [cast …] →
/// MatMul(·, V), both MatMuls on activations (no weights), each intermediate read only by the next node.</summary>
internal static class AttentionPatterns
{
    static readonly HashSet<string> Between = new(StringComparer.Ordinal) { "Mul", "Div", "Add", "Sub", "Where", "Cast", "Dropout", "Identity" };

    /// <summary>Calls <paramref name="add"/> with each pattern's nodes (topological order) and marks them in <paramref name="groupOf"/>.</summary>
    public static void Find(FusionGraph g, int[] groupOf, Func<List<int>, int> add)
    {
        for (int s = 0; s < g.Nodes.Count; s++)
        {
            if (g.Nodes[s].OpType != "Softmax" || g.Roles[s] != FusionRole.Reduction || groupOf[s] >= 0) continue;
            var members = new List<int> { s };
            // backwards to the QKᵀ MatMul
            int cur = s, qk = -1;
            for (int step = 0; step < 8 && qk < 0; step++)
            {
                int next = -1;
                foreach (var t in g.DataInputs(cur))
                {
                    int p = g.Producer(t);
                    if (p < 0 || groupOf[p] >= 0 || g.Consumers(t).Count != 1) continue;
                    if (IsActivationMatMul(g, p)) { qk = p; break; }
                    if (next < 0 && Between.Contains(g.Nodes[p].OpType)) next = p;
                }
                if (qk >= 0 || next < 0) break;
                members.Add(next);
                cur = next;
            }
            if (qk < 0) continue;
            members.Add(qk);
            // forwards to the AV MatMul
            cur = s;
            int av = -1;
            for (int step = 0; step < 8 && av < 0; step++)
            {
                var outs = g.Nodes[cur].Outputs;
                if (outs.Count == 0) break;
                var t = g.Resolve(outs[0].Name);
                var consumers = g.Consumers(t);
                if (consumers.Count != 1 || g.IsGraphOutput(t)) break;
                int c = consumers[0];
                if (groupOf[c] >= 0) break;
                if (IsActivationMatMul(g, c)) { av = c; break; }
                if (!Between.Contains(g.Nodes[c].OpType)) break;
                members.Add(c);
                cur = c;
            }
            if (av < 0) continue;
            members.Add(av);
            members.Sort();
            int id = add(members);
            foreach (var m in members) groupOf[m] = id;
        }
    }

    static bool IsActivationMatMul(FusionGraph g, int n)
        => g.Nodes[n].OpType == "MatMul" && g.Roles[n] == FusionRole.Anchor
           && g.Nodes[n].Inputs.Count(t => t.Read && !t.IsConstant) == 2;
}

using ModelMeter.Costs;

namespace ModelMeter.Engines;

/// <summary>
/// The fusion pass: turns a model's per-node costs into the kernels an engine runs (docs/counting.md "Engines"). Nodes are
/// visited in topological order; an elementwise node joins the kernel of a producer when the engine's <see cref="FusionRules"/>
/// allow it and the kernel stays convex (no path leaves it and comes back); attention patterns become one kernel. A kernel's
/// bytes are only its external inputs and outputs. The profile itself is never changed.
/// </summary>
public static class FusionPass
{
    sealed class Group(FusionRole kind, int first)
    {
        public FusionRole Kind = kind;
        public readonly List<int> Members = [first];
        public int Min = first;
        public bool Attention;
    }

    /// <summary>The kernels <paramref name="rules"/> produce for <paramref name="profile"/>.</summary>
    /// <param name="profile">The analysed model.</param>
    /// <param name="rules">Which fusions the engine performs.</param>
    /// <param name="engine">Engine id recorded in the plan.</param>
    /// <param name="countedAtBatch">The batch size the profile was counted at.</param>
    public static KernelPlan Run(ModelProfile profile, FusionRules rules, string engine = "none", int countedAtBatch = 1)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var g = new FusionGraph(profile, rules);
        int count = g.Nodes.Count;
        var groupOf = new int[count];
        Array.Fill(groupOf, -1);
        var groups = new List<Group>();
        if (rules.FlashAttention) AttentionPatterns.Find(g, groupOf, members =>
        {
            var grp = new Group(FusionRole.Anchor, members[0]) { Attention = true };
            grp.Members.Clear();
            grp.Members.AddRange(members);
            grp.Min = members.Min();
            groups.Add(grp);
            return groups.Count - 1;
        });
        if (rules.HorizontalGemms) HorizontalGemms(g, groupOf, groups);
        var folded = new List<FoldedNode>();
        for (int i = 0; i < count; i++)
        {
            var role = g.Roles[i];
            if (role is FusionRole.Free or FusionRole.Alias)
            {
                folded.Add(new FoldedNode(g.Nodes[i].Name, g.Nodes[i].OpType, g.Reasons[i] ?? "no kernel"));
                continue;
            }
            if (groupOf[i] >= 0) continue;
            int target = role is FusionRole.Pointwise or FusionRole.Reduction ? Target(g, groups, groupOf, i, rules) : -1;
            if (target < 0)
            {
                groups.Add(new Group(role, i));
                groupOf[i] = groups.Count - 1;
                continue;
            }
            var grp = groups[target];
            grp.Members.Add(i);
            groupOf[i] = target;
            if (grp.Kind == FusionRole.Pointwise && role == FusionRole.Reduction) grp.Kind = FusionRole.Reduction;
        }
        var kernels = groups.Select(grp => KernelBuilder.Build(g, grp.Members, grp.Kind, grp.Attention, groupOf, rules)).ToList();
        var order = groups.Select((grp, k) => (grp.Members.Min(), k)).OrderBy(x => x.Item1).Select(x => kernels[x.k]).ToList();
        return new KernelPlan(engine, order, folded, countedAtBatch)
        {
            WeightBytes = profile.Totals.WeightBytes,
            PeakActivationBytes = profile.Totals.PeakActivationBytes,
            IoBytes = profile.Inputs.Sum(t => (double)t.Bytes) + profile.Outputs.Sum(t => (double)t.Bytes),
        };
    }

    /// <summary>Matrix products reading the same activation with their own constant weights (and nothing else) become one group.</summary>
    static void HorizontalGemms(FusionGraph g, int[] groupOf, List<Group> groups)
    {
        var byInput = new Dictionary<(string, Precision), List<int>>();
        for (int i = 0; i < g.Nodes.Count; i++)
        {
            var n = g.Nodes[i];
            if (groupOf[i] >= 0 || g.Roles[i] != FusionRole.Anchor || n.Class != OpClass.Gemm || n.OpType is not ("MatMul" or "Gemm")) continue;
            var data = g.DataInputs(i).ToList();
            if (data.Count != 1 || !n.Inputs.Any(t => t.Read && t.IsConstant)) continue;
            var key = (data[0], n.Precision);
            if (!byInput.TryGetValue(key, out var list)) byInput[key] = list = [];
            list.Add(i);
        }
        foreach (var members in byInput.Values.Where(l => l.Count > 1))
        {
            var grp = new Group(FusionRole.Anchor, members[0]);
            grp.Members.AddRange(members.Skip(1));
            groups.Add(grp);
            foreach (var m in members) groupOf[m] = groups.Count - 1;
        }
    }

    /// <summary>The group node <paramref name="v"/> joins, or −1 for a kernel of its own.</summary>
    static int Target(FusionGraph g, List<Group> groups, int[] groupOf, int v, FusionRules rules)
    {
        var inputs = g.DataInputs(v).ToList();
        var candidates = inputs.Select(g.Producer).Where(p => p >= 0 && groupOf[p] >= 0).Select(p => groupOf[p]).Distinct()
            .OrderByDescending(k => groups[k].Min).ToList();
        foreach (var k in candidates)
        {
            var grp = groups[k];
            if (!Allowed(g, grp, v, rules)) continue;
            // convex: every other data input comes from a node that precedes the whole group (so cannot depend on it)
            bool convex = inputs.All(t => g.Producer(t) is var p && (p < 0 || groupOf[p] == k || p < grp.Min));
            if (convex) return k;
        }
        return -1;
    }

    static bool Allowed(FusionGraph g, Group grp, int v, FusionRules rules)
    {
        var role = g.Roles[v];
        bool bn = g.Nodes[v].OpType == "BatchNormalization";
        if (grp.Attention) return false;
        return (grp.Kind, role) switch
        {
            (FusionRole.Anchor, FusionRole.Pointwise) => bn ? rules.FoldBatchNorm && FoldsInto(g, grp, v) : rules.Epilogues && PerOutputElement(g, grp, v),
            (FusionRole.Pool, FusionRole.Pointwise) => !bn && rules.Epilogues && PerOutputElement(g, grp, v),
            (FusionRole.Pointwise, FusionRole.Pointwise) => rules.PointwiseChains,
            (FusionRole.Pointwise, FusionRole.Reduction) or (FusionRole.Reduction, FusionRole.Pointwise)
                or (FusionRole.Reduction, FusionRole.Reduction) => rules.NormKernels,
            _ => false,
        };
    }

    /// <summary>An epilogue runs once per output element of the conv/GEMM (or pool) as it is written: a pointwise node whose output
    /// is larger than the group's largest output broadcasts that output over another tensor (the scale of a squeeze-excitation
    /// block multiplied into the whole feature map) and is a kernel of its own. Unknown sizes (0 bytes) do not block it.</summary>
    static bool PerOutputElement(FusionGraph g, Group grp, int v)
    {
        double own = Elements(g.Nodes[v].Outputs), most = grp.Members.Max(m => Elements(g.Nodes[m].Outputs));
        return own <= 0 || most <= 0 || own <= most;
    }

    static double Elements(IReadOnlyList<TensorInfo> outputs)
        => outputs.Count == 0 ? 0 : outputs.Max(t => t.Bytes * 8.0 / Math.Max(1, Graphs.DataTypes.Bits(t.DataType)));

    /// <summary>BatchNormalization folds into a Conv/Gemm only when it reads the anchor's output directly and nothing else does.</summary>
    static bool FoldsInto(FusionGraph g, Group grp, int bn)
    {
        if (grp.Members.Count != 1) return false;
        var anchor = grp.Members[0];
        var x = g.DataInputs(bn).FirstOrDefault();
        return x is not null && g.Producer(x) == anchor && g.Consumers(x).Count == 1 && !g.IsGraphOutput(x);
    }
}

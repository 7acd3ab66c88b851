using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Engines;

/// <summary>Prices one group of nodes as a kernel: FLOPs of its nodes, bytes of its external inputs and outputs only.</summary>
internal static class KernelBuilder
{
    public static Kernel Build(FusionGraph g, List<int> members, FusionRole kind, bool attention, int[] groupOf, FusionRules rules)
    {
        members.Sort();
        int group = groupOf[members[0]];
        int anchor = attention ? members.First(m => g.Nodes[m].OpType == "MatMul")
            : members.FirstOrDefault(m => g.Roles[m] is FusionRole.Anchor or FusionRole.Pool or FusionRole.Reduction, members[0]);
        bool hasAnchor = g.Roles[anchor] == FusionRole.Anchor;
        double flops = 0, read = 0, written = 0, weights = 0, index = 0, indexWeights = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<string>();
        var inputBytes = new List<double>();
        var outputs = new List<string>();
        foreach (var m in members)
        {
            var n = g.Nodes[m];
            bool foldedBn = n.OpType == "BatchNormalization" && hasAnchor && rules.FoldBatchNorm && !attention;
            if (!foldedBn) flops += n.Flops;
            foreach (var t in n.Inputs)
            {
                if (!t.Read) continue;
                var r = g.Resolve(t.Name);
                int p = g.Producer(r);
                if (p >= 0 && groupOf[p] == group) continue;
                if (!seen.Add(r)) continue;
                var info = g.Tensor(r) ?? t;
                bool constant = t.IsConstant || info.IsConstant;
                if (constant && foldedBn) continue; // scale, bias, mean, variance are folded into the anchor's weights
                double bytes = constant && IsGather(n) && t == n.Inputs[0] ? Math.Min(info.Bytes, n.Outputs.Sum(o => (double)o.Bytes)) : info.Bytes;
                read += bytes;
                bool isIndex = DataTypes.IsIndex(info.DataType) || info.DataType == DataType.Bool;
                if (isIndex) index += bytes;
                if (constant) { weights += bytes; if (isIndex) indexWeights += bytes; }
                else { inputs.Add(r); inputBytes.Add(bytes); }
            }
            foreach (var o in n.Outputs)
            {
                if (!Escapes(g, o.Name, group, groupOf)) continue;
                written += o.Bytes;
                outputs.Add(o.Name);
                if (DataTypes.IsIndex(o.DataType) || o.DataType == DataType.Bool) index += o.Bytes;
            }
        }
        var a = g.Nodes[anchor];
        var k = attention ? KernelKind.Attention : KindOf(kind, a);
        return new Kernel(a.Name, k, [.. members.Select(m => g.Nodes[m].Name)], attention ? "Attention" : a.OpType, a.Class, a.Precision,
            flops, read, written, weights)
        {
            IndexBytes = index, IndexWeightBytes = indexWeights, InputTensors = inputs, InputTensorBytes = inputBytes, OutputTensors = outputs,
            NodeIndices = [.. members],
            Gemm = k is KernelKind.Conv or KernelKind.Gemm ? Widened(GemmOf(a), members.Where(m => m != anchor && g.Roles[m] == FusionRole.Anchor).Select(m => GemmOf(g.Nodes[m]))) : null,
        };
    }

    /// <summary>A gather from a constant table reads only the rows it fetches (as many bytes as it writes), not the table.</summary>
    static bool IsGather(NodeCost n) => n.OpType is "Gather" or "GatherElements" or "GatherND" or "EmbedLayerNormalization";

    /// <summary>True when a tensor produced in the group must reach memory: a graph output, or read by a node outside the group.</summary>
    static bool Escapes(FusionGraph g, string name, int group, int[] groupOf)
        => g.IsGraphOutput(name) || g.Consumers(name).Any(c => groupOf[c] != group);

    static KernelKind KindOf(FusionRole role, NodeCost anchor) => role switch
    {
        FusionRole.Anchor => anchor.Class switch
        {
            OpClass.Conv => KernelKind.Conv,
            OpClass.DepthwiseConv => KernelKind.DepthwiseConv,
            _ => KernelKind.Gemm,
        },
        FusionRole.Pointwise => KernelKind.Pointwise,
        FusionRole.Reduction => KernelKind.Normalization,
        FusionRole.Pool => KernelKind.Pooling,
        _ => anchor.Class == OpClass.DataMovement ? KernelKind.DataMovement : KernelKind.Other,
    };

    /// <summary>Sibling GEMMs fused horizontally (same input, same M and K) form one GEMM with their N summed.</summary>
    static GemmShape? Widened(GemmShape? first, IEnumerable<GemmShape?> siblings)
    {
        if (first is not { } f) return null;
        foreach (var s in siblings)
            if (s is { } x && Math.Abs(x.M - f.M) < 0.5 && Math.Abs(x.K - f.K) < 0.5) f = f with { N = f.N + x.N };
        return f;
    }

    /// <summary>The implicit GEMM of a Conv (M = N·spatial, N = C_out) or a matrix product (N = last dim), K = MACs / (M·N).</summary>
    static GemmShape? GemmOf(NodeCost n)
    {
        if (n.Outputs.Count == 0 || n.Macs <= 0) return null;
        var o = n.Outputs[0];
        double elements = o.Bytes / FusionGraph.ElementBytes(o);
        if (elements <= 0 || o.Shape is not { Rank: >= 2 } s) return null;
        var cols = n.Class is OpClass.Conv or OpClass.DepthwiseConv ? s[1].TryValue : s[s.Rank - 1].TryValue;
        if (cols is not > 0) return null;
        double m = elements / cols.Value;
        return new GemmShape(m, cols.Value, n.Macs / elements);
    }
}

using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Engines;

/// <summary>What a node is to the fusion pass.</summary>
internal enum FusionRole { Free, Alias, Anchor, Pointwise, Reduction, Pool, Standalone }

/// <summary>The dataflow of a profile as the fusion pass sees it: each node's role, view aliases resolved to the tensor they
/// alias, the kernel node producing each tensor and the kernel nodes reading it.</summary>
internal sealed class FusionGraph
{
    static readonly HashSet<string> Views = new(StringComparer.Ordinal) { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout" };
    static readonly HashSet<string> PointwiseOps = new(StringComparer.Ordinal)
    {
        "BatchNormalization", "QuantizeLinear", "DequantizeLinear", "Cast", "CastLike", "Clip", "Where", "Erf", "Gelu", "FastGelu",
        "BiasGelu", "QuickGelu", "HardSwish", "HardSigmoid", "LeakyRelu", "PRelu", "Relu", "Sigmoid", "Tanh", "Silu", "Mish", "Swish",
    };

    readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _producer = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<int>> _consumers = new(StringComparer.Ordinal);
    readonly Dictionary<string, TensorInfo> _tensors = new(StringComparer.Ordinal);
    readonly HashSet<string> _graphOutputs = new(StringComparer.Ordinal);

    public FusionGraph(ModelProfile profile, FusionRules rules)
    {
        Nodes = profile.Nodes;
        Roles = new FusionRole[Nodes.Count];
        Reasons = new string?[Nodes.Count];
        for (int i = 0; i < Nodes.Count; i++)
        {
            var n = Nodes[i];
            foreach (var t in n.Inputs) _tensors.TryAdd(t.Name, t);
            foreach (var t in n.Outputs) _tensors[t.Name] = t;
            (Roles[i], Reasons[i]) = RoleOf(n, rules);
            if (Roles[i] == FusionRole.Alias)
            {
                var src = n.Inputs.FirstOrDefault(t => t.Read && !t.IsConstant) ?? n.Inputs.FirstOrDefault();
                if (src is null || n.Outputs.Count == 0) { Roles[i] = FusionRole.Free; Reasons[i] ??= "no data"; continue; }
                _alias[n.Outputs[0].Name] = Resolve(src.Name);
            }
        }
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (Roles[i] is FusionRole.Free or FusionRole.Alias) continue;
            foreach (var o in Nodes[i].Outputs) _producer[o.Name] = i;
            foreach (var t in Nodes[i].Inputs)
            {
                if (!t.Read || t.IsConstant) continue;
                var r = Resolve(t.Name);
                if (!_consumers.TryGetValue(r, out var list)) _consumers[r] = list = [];
                if (list.Count == 0 || list[^1] != i) list.Add(i);
            }
        }
        foreach (var o in profile.Outputs) _graphOutputs.Add(Resolve(o.Name));
    }

    public IReadOnlyList<NodeCost> Nodes { get; }
    public FusionRole[] Roles { get; }
    public string?[] Reasons { get; }

    /// <summary>The tensor a view aliases (transitively), or the name itself.</summary>
    public string Resolve(string name)
    {
        for (int guard = 0; guard < 1_000_000 && _alias.TryGetValue(name, out var next); guard++) name = next;
        return name;
    }

    /// <summary>The kernel node producing the (resolved) tensor, or -1 for graph inputs and constants.</summary>
    public int Producer(string resolved) => _producer.TryGetValue(resolved, out var p) ? p : -1;

    /// <summary>Kernel nodes reading the (resolved) tensor.</summary>
    public IReadOnlyList<int> Consumers(string resolved) => _consumers.TryGetValue(resolved, out var c) ? c : [];

    /// <summary>True when the (resolved) tensor is a graph output.</summary>
    public bool IsGraphOutput(string resolved) => _graphOutputs.Contains(resolved);

    /// <summary>The tensor's facts (bytes, constant), looked up by name.</summary>
    public TensorInfo? Tensor(string name) => _tensors.TryGetValue(name, out var t) ? t : null;

    /// <summary>The node's data inputs: read, non-constant, resolved through views.</summary>
    public IEnumerable<string> DataInputs(int node)
        => Nodes[node].Inputs.Where(t => t.Read && !t.IsConstant).Select(t => Resolve(t.Name)).Distinct(StringComparer.Ordinal);

    static (FusionRole, string?) RoleOf(NodeCost n, FusionRules r)
    {
        if (n.Class == OpClass.Metadata) return (FusionRole.Free, "metadata");
        if (!n.Counted) return (FusionRole.Standalone, null);
        var op = n.OpType;
        if (r.FoldViews && Views.Contains(op)) return (FusionRole.Alias, "view");
        if (r.FoldTranspose && op == "Transpose") return (FusionRole.Alias, "transpose folded");
        if (r.AbsorbQdq && op == "DequantizeLinear") return (FusionRole.Alias, "dequantize absorbed");
        if (PointwiseOps.Contains(op)) return (FusionRole.Pointwise, null);
        return n.Class switch
        {
            OpClass.Conv or OpClass.DepthwiseConv or OpClass.Gemm => (FusionRole.Anchor, null),
            OpClass.Elementwise => (FusionRole.Pointwise, null),
            OpClass.Normalization or OpClass.Reduce => (FusionRole.Reduction, null),
            OpClass.Pooling => (FusionRole.Pool, null),
            _ => (FusionRole.Standalone, null),
        };
    }

    /// <summary>Element size in bytes of a tensor's type (at least 1 bit rounded to bytes: int4 = 0.5).</summary>
    public static double ElementBytes(TensorInfo t) => Math.Max(1, DataTypes.Bits(t.DataType)) / 8.0;
}

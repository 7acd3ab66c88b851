using ModelMeter.Costs;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>Collects the per-op rows of an LLM stage and totals them into a <see cref="ModelProfile"/>.</summary>
internal sealed class LlmRows
{
    private readonly List<NodeCost> _rows = [];
    public long PeakActivation { get; private set; }
    public long KvRead { get; private set; }
    public long KvWrite { get; private set; }

    /// <summary>Adds a row; read = activations in + weights + KV read, written = activations out + KV written.</summary>
    public void Add(string name, string op, OpClass cls, Precision p, long actIn, long actOut,
        long macs = 0, long flops = 0, long parameters = 0, long weightBytes = 0, long kvRead = 0, long kvWrite = 0)
    {
        _rows.Add(new NodeCost
        {
            Name = name, OpType = op, Domain = "llm", Class = cls, Precision = p,
            Params = parameters, Macs = macs, Flops = flops,
            BytesRead = checked(actIn + weightBytes + kvRead), BytesWritten = checked(actOut + kvWrite),
            WeightBytes = weightBytes,
        });
        PeakActivation = Math.Max(PeakActivation, actIn + actOut);
        KvRead += kvRead;
        KvWrite += kvWrite;
    }

    public ModelProfile ToProfile(ModelInfo info, long residentWeightBytes, IReadOnlyList<Diagnostic> diagnostics,
        IReadOnlyDictionary<string, long> dims) => new()
    {
        Model = info,
        Nodes = _rows,
        Totals = new ModelTotals
        {
            Params = _rows.Sum(r => r.Params),
            Macs = _rows.Sum(r => r.Macs),
            Flops = _rows.Sum(r => r.Flops),
            BytesRead = _rows.Sum(r => r.BytesRead),
            BytesWritten = _rows.Sum(r => r.BytesWritten),
            WeightBytes = residentWeightBytes,
            PeakActivationBytes = PeakActivation,
            Nodes = _rows.Count,
        },
        ByOpType = _rows.GroupBy(r => r.OpType, StringComparer.Ordinal)
            .Select(g => new OpTypeRollup(g.Key, g.Count(), g.Sum(x => x.Params), g.Sum(x => x.Macs), g.Sum(x => x.Flops), g.Sum(x => x.MemoryAccessBytes)))
            .ToList(),
        Diagnostics = diagnostics,
        DimsUsed = dims,
    };
}

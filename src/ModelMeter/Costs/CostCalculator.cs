using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Costs;

/// <summary>
/// Turns an <see cref="InferredGraph"/> into a <see cref="ModelProfile"/>: asks each node's rule for its compute
/// cost, derives bytes and parameters from tensor types per docs/counting.md, and computes peak activation memory.
/// </summary>
public static class CostCalculator
{
    /// <summary>Computes the profile of an inferred model graph.</summary>
    public static ModelProfile Compute(InferredGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var seenConstants = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<NodeCost>(g.Nodes.Count);
        var newWeights = new List<long>(g.Nodes.Count);
        foreach (var n in g.Nodes)
        {
            nodes.Add(NodeCostBuilder.Build(n, g, seenConstants, out var newWeightBytes));
            newWeights.Add(newWeightBytes);
        }
        var overflowed = new List<string>();
        long Total(string what, IEnumerable<long> values)
        {
            long sum = 0;
            foreach (var v in values)
            {
                try { sum = checked(sum + v); }
                catch (OverflowException) { overflowed.Add(what); return long.MaxValue; }
            }
            return sum;
        }
        var unknown = g.Nodes.Where(n => n.Rule is null).ToList();
        var peakActivation = Liveness.PeakActivation(g);
        var totals = new ModelTotals
        {
            Params = Total("params", nodes.Select(n => n.Params)),
            Buffers = Total("buffers", nodes.Select(n => n.Buffers)),
            Macs = Total("MACs", nodes.Select(n => n.Macs)),
            Flops = Total("FLOPs", nodes.Select(n => n.Flops)),
            BytesRead = Total("bytes read", nodes.Select(n => n.BytesRead)),
            BytesWritten = Total("bytes written", nodes.Select(n => n.BytesWritten)),
            WeightBytes = Total("weight bytes", newWeights),
            PeakActivationBytes = peakActivation.Value,
            Formulas = Formulas(nodes, peakActivation),
            Nodes = nodes.Count,
            UnknownNodes = unknown.Count,
            UnknownOpTypes = unknown.Select(n => $"{n.Node.DomainOrDefault}:{n.Node.OpType}").Distinct().ToList(),
        };
        var rollup = nodes.GroupBy(n => n.OpType, StringComparer.Ordinal)
            .Select(grp => new OpTypeRollup(grp.Key, grp.Count(), Total("params", grp.Select(x => x.Params)), Total("MACs", grp.Select(x => x.Macs)), Total("FLOPs", grp.Select(x => x.Flops)), Total("memory access bytes", grp.Select(x => x.MemoryAccessBytes))))
            .ToList();
        _ = Total("memory access bytes", [totals.BytesRead, totals.BytesWritten]);
        if (totals.PeakActivationBytes == long.MaxValue) overflowed.Add("peak activation bytes");
        // one line per distinct message: a subgraph costed twice (If compares its branches) reports once
        var diagnostics = g.Diagnostics.Distinct().ToList();
        // a total too large for 64 bits is held at the largest value and reported, never wrapped
        foreach (var what in overflowed.Distinct(StringComparer.Ordinal))
            diagnostics.Add(new Diagnostic(Severity.Error, null, $"total {what} overflows 64 bits: shown as {long.MaxValue}"));
        var unused = g.Binding.UnusedUserSymbols.ToList();
        foreach (var sym in unused)
            diagnostics.Add(new Diagnostic(Severity.Warning, null, $"--dim {sym}: the model has no dimension or trip count named '{sym}'"));
        if (g.Binding.AssumedSymbols.Count > 0)
            diagnostics.Insert(0, new Diagnostic(Severity.Info, null,
                $"symbolic dims counted as 1: {string.Join(", ", g.Binding.AssumedSymbols.Order(StringComparer.Ordinal))} (set them with --dim NAME=VALUE)"));
        if (unknown.Count > 0)
            diagnostics.Insert(0, new Diagnostic(Severity.Warning, null,
                $"{unknown.Count} node{(unknown.Count == 1 ? "" : "s")} of {totals.UnknownOpTypes.Count} unknown op type{(totals.UnknownOpTypes.Count == 1 ? "" : "s")} not counted: {string.Join(", ", totals.UnknownOpTypes)}"));
        if (g.Binding.UnknownDimsCounted > 0)
            diagnostics.Add(new Diagnostic(Severity.Info, null,
                $"{g.Binding.UnknownDimsCounted} use{(g.Binding.UnknownDimsCounted == 1 ? "" : "s")} of unknown dims (shapes that depend on runtime data) counted as 1"));
        // Reader warnings (negative dims, external data refused or missing) belong in the profile too.
        diagnostics.InsertRange(0, g.Model.ReadWarnings.Select(w => new Diagnostic(Severity.Warning, null, w)));
        var dimsUsed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var kv in g.Binding.Dims) dimsUsed[kv.Key] = kv.Value;
        foreach (var s in g.Binding.AssumedSymbols) dimsUsed.TryAdd(s, 1);
        var model = g.Model;
        return new ModelProfile
        {
            Model = new ModelInfo(model.Path, model.DisplayName, (model.ProducerName + " " + model.ProducerVersion).Trim(), model.IrVersion, model.DefaultOpset),
            Inputs = g.Graph.RealInputs.Select(i => Info(i.Name, g)).ToList(),
            Outputs = g.Graph.Outputs.Select(o => Info(o.Name, g)).ToList(),
            Nodes = nodes,
            Totals = totals,
            ByOpType = rollup,
            Diagnostics = diagnostics,
            DimsUsed = dimsUsed,
            UnusedDims = unused,
        };
    }

    /// <summary>The totals as formulas: sums of the nodes' formulas (unknown where one is unknown or a sum overflows).</summary>
    private static ModelFormulas Formulas(List<NodeCost> nodes, Count peak)
    {
        Graphs.Dim Sum(Func<NodeCost, Count> f)
        {
            try { return Count.Sum(nodes.Select(f)).Formula; }
            catch (OverflowException) { return Graphs.Dim.Unknown; }
        }
        var read = Sum(n => n.BytesReadCount);
        var written = Sum(n => n.BytesWrittenCount);
        Graphs.Dim access;
        try { access = read + written; } catch (OverflowException) { access = Graphs.Dim.Unknown; }
        return new ModelFormulas
        {
            Params = Sum(n => n.Params),
            Macs = Sum(n => n.MacsCount),
            Flops = Sum(n => n.FlopsCount),
            BytesRead = read,
            BytesWritten = written,
            MemoryAccessBytes = access,
            PeakActivationBytes = peak.Formula,
        };
    }

    internal static TensorInfo Info(string name, InferredGraph g)
    {
        var v = g.Value(name);
        var t = v?.Type ?? TensorType.Unknown;
        long bytes;
        try { bytes = g.Binding.Bytes(t); }
        catch (OverflowException) { bytes = 0; }
        return new TensorInfo(name, t.ElementType, t.Shape) { Bytes = bytes, IsConstant = v?.IsConstantTensor == true };
    }
}

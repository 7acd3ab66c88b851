using System.Globalization;
using ModelMeter.Costs;
using ModelMeter.Reports;

namespace ModelMeter.Reports;

/// <summary>Builds the report tables of a <see cref="ModelProfile"/>.</summary>
internal static class ProfileTables
{
    internal static readonly ReportColumn Name = new("name", "Node", UnitKind.Text, "");
    internal static readonly ReportColumn OpType = new("op_type", "Op", UnitKind.Text, "");
    internal static readonly ReportColumn Domain = new("domain", "Domain", UnitKind.Text, "") { HideWhenConstant = true };
    internal static readonly ReportColumn Output = new("output", "Output", UnitKind.Text, "") { HideWhenConstant = true };
    internal static readonly ReportColumn Precision = new("precision", "Precision", UnitKind.Text, "") { HideWhenConstant = true };
    internal static readonly ReportColumn Params = new("params", "Params", UnitKind.Count, "parameters first used by the node (each distinct tensor once)");
    internal static readonly ReportColumn Macs = new("macs", "MACs", UnitKind.Count, "multiply-accumulates (one w*x+b step)");
    internal static readonly ReportColumn Flops = new("flops", "FLOPs", UnitKind.Flops, "floating-point operations (2 per MAC plus per-element work; not MACs)");
    internal static readonly ReportColumn Read = new("bytes_read", "Read", UnitKind.Bytes, "bytes of every input tensor read (activations and weights)");
    internal static readonly ReportColumn Written = new("bytes_written", "Written", UnitKind.Bytes, "bytes of every output tensor written");
    internal static readonly ReportColumn Memory = new("memory_access_bytes", "Memory access", UnitKind.Bytes, "memory access cost: bytes read + bytes written");
    internal static readonly ReportColumn Count = new("count", "Nodes", UnitKind.Count, "") { FixedUnit = true };
    internal static readonly ReportColumn MacsFormula = new("macs_formula", "MACs formula", UnitKind.Text, "MACs as a formula of the symbolic dims left free (exact at any --dim setting of them)");
    internal static readonly ReportColumn FlopsFormula = new("flops_formula", "FLOPs formula", UnitKind.Text, "FLOPs as a formula of the symbolic dims left free");
    internal static readonly ReportColumn FlopShare = new("flops_share", "FLOPs %", UnitKind.Ratio, "share of the model's FLOPs");

    public static ReportTable Nodes(ModelProfile p)
    {
        // per-node formulas only when some count still depends on a free symbolic dim (issue 12); otherwise they equal the numbers
        bool formulas = p.Nodes.Any(n => n.Counted && (n.MacsFormula.IsSymbolic || n.FlopsFormula.IsSymbolic));
        ReportColumn[] cols = formulas
            ? [Name, OpType, Domain, Output, Precision, Params, Macs, Flops, Read, Written, Memory, MacsFormula, FlopsFormula]
            : [Name, OpType, Domain, Output, Precision, Params, Macs, Flops, Read, Written, Memory];
        // cells are made when read: sorting by one column and keeping the top rows reads only that column of the rest
        var rows = new ReportRow[p.Nodes.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = new ReportRow(new NodeCells(p.Nodes[i], formulas));
        var t = p.Totals;
        ReportValue[] total = [
            ReportValue.Of("Total"), ReportValue.Of($"{t.Nodes} node{(t.Nodes == 1 ? "" : "s")}"), ReportValue.Of(""), ReportValue.Of(""), ReportValue.Of(""),
            ReportValue.Of((long?)t.Params), ReportValue.Of((long?)t.Macs), ReportValue.Of((long?)t.Flops),
            ReportValue.Of((long?)t.BytesRead), ReportValue.Of((long?)t.BytesWritten), ReportValue.Of((long?)t.MemoryAccessBytes)];
        var totals = new ReportRow(formulas
            ? [.. total, ReportValue.Of(t.Formulas is { } tf && !tf.Macs.IsUnknown ? tf.Macs.ToString() : ""), ReportValue.Of(t.Formulas is { } tg && !tg.Flops.IsUnknown ? tg.Flops.ToString() : "")]
            : total);
        return new ReportTable("Nodes", cols, rows, totals);
    }

    public static ReportTable ByOpType(ModelProfile p)
    {
        ReportColumn[] cols = [OpType, Count, Params, Macs, Flops, FlopShare, Memory];
        double totalFlops = p.Totals.Flops;
        double? Share(long f) => totalFlops > 0 ? Math.Round(100.0 * f / totalFlops, 2) : null;
        var rows = p.ByOpType.Select(r => new ReportRow([
            ReportValue.Of(r.OpType), ReportValue.Of((long?)r.Count), ReportValue.Of((long?)r.Params),
            ReportValue.Of((long?)r.Macs), ReportValue.Of((long?)r.Flops), ReportValue.Of(Share(r.Flops)),
            ReportValue.Of((long?)r.MemoryAccessBytes)])).ToList();
        var t = p.Totals;
        var totals = new ReportRow([
            ReportValue.Of("Total"), ReportValue.Of((long?)t.Nodes), ReportValue.Of((long?)t.Params), ReportValue.Of((long?)t.Macs),
            ReportValue.Of((long?)t.Flops), ReportValue.Of(totalFlops > 0 ? 100.0 : null), ReportValue.Of((long?)t.MemoryAccessBytes)]);
        return new ReportTable("By op type", cols, rows, totals);
    }

    public static string TypeText(TensorInfo t) => t.DTypeName + (t.Shape?.ToString() ?? "[?]");

    public static string? DimsLine(ModelProfile p)
    {
        if (p.DimsUsed.Count == 0) return null;
        var assumed = p.Diagnostics.Any(d => d.Severity == Severity.Info && d.Node is null && d.Message.StartsWith("symbolic dims counted as 1", StringComparison.Ordinal));
        var text = string.Join(", ", p.DimsUsed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
        return assumed
            ? $"symbolic dims: {text} (unset dims are counted as 1; set them with --dim NAME=VALUE)"
            : $"symbolic dims: {text}";
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Summary(ModelProfile p)
    {
        var t = p.Totals;
        string Count(long v) => Fmt(UnitKind.Count, v);
        string Bytes(long v) => Fmt(UnitKind.Bytes, v);
        var list = new List<KeyValuePair<string, string>>
        {
            new("Params", Count(t.Params)),
            new("Buffers", Count(t.Buffers)),
            new("MACs", Count(t.Macs)),
            new("FLOPs", Count(t.Flops)),
            new("Memory access", Bytes(t.MemoryAccessBytes)),
            new("Weights", Bytes(t.WeightBytes)),
            new("Peak activations", Bytes(t.PeakActivationBytes)),
            new("Nodes", t.Nodes.ToString(CultureInfo.InvariantCulture)),
        };
        if (t.Formulas is { IsSymbolic: true } f)
        {
            // costs as formulas of the free symbolic dims (issue 12): exact for any --dim setting of those symbols
            void Formula(string key, Graphs.Dim d) { if (!d.IsUnknown) list.Add(new(key, d.ToString())); }
            Formula("MACs formula", f.Macs);
            Formula("FLOPs formula", f.Flops);
            Formula("Memory access formula (B)", f.MemoryAccessBytes);
            Formula("Peak activations formula (B)", f.PeakActivationBytes);
        }
        if (t.UnknownNodes > 0)
            list.Add(new("Not counted", $"{Plural(t.UnknownNodes, "node")} of {Plural(t.UnknownOpTypes.Count, "unknown op type")} ({string.Join(", ", t.UnknownOpTypes)})"));
        return list;
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Fmt(UnitKind kind, long v)
    {
        var u = UnitScale.Choose(kind, [v]);
        return u.Symbol.Length == 0 ? u.Format(v, kind) : $"{u.Format(v, kind)} {u.Symbol}";
    }

    /// <summary>The cells of a node's row, made from the node when read (the two text cells that need building, once).</summary>
    private sealed class NodeCells(NodeCost n, bool formulas) : IReadOnlyList<ReportValue>
    {
        private ReportValue? _output, _precision, _macsFormula, _flopsFormula;

        public int Count => formulas ? 13 : 11;

        public ReportValue this[int index] => index switch
        {
            0 => ReportValue.Of(n.Name),
            1 => ReportValue.Of(n.OpType),
            2 => ReportValue.Of(n.Domain),
            3 => _output ??= ReportValue.Of(n.Outputs.Count switch { 0 => "", 1 => TypeText(n.Outputs[0]), _ => string.Join(" ", n.Outputs.Select(TypeText)) }),
            4 => _precision ??= ReportValue.Of(n.PrecisionName),
            5 => ReportValue.Of((long?)n.Params),
            6 => ReportValue.Of(C(n.Macs)),
            7 => ReportValue.Of(C(n.Flops)),
            8 => ReportValue.Of(C(n.BytesRead)),
            9 => ReportValue.Of(C(n.BytesWritten)),
            10 => ReportValue.Of(C(n.MemoryAccessBytes)),
            11 when formulas => _macsFormula ??= ReportValue.Of(F(n.MacsFormula)),
            12 when formulas => _flopsFormula ??= ReportValue.Of(F(n.FlopsFormula)),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        private long? C(long v) => n.Counted ? v : null;

        private string F(Graphs.Dim d) => n.Counted && !d.IsUnknown ? d.ToString() : "";

        public IEnumerator<ReportValue> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using System.Globalization;
using ModelMeter.Llm;
using ModelMeter.Reports;

namespace ModelMeter.Cli.Reports;

/// <summary>Tables of a checkpoint's stored weights: per layer (params, bytes, bits per weight, types) and per row (<c>--tensors</c>).</summary>
internal static class CheckpointTables
{
    /// <summary>One row per decoder layer plus one for the rows outside the layers: params, bytes, bits/weight and the stored types
    /// of each projection that is not at the layer's main type.</summary>
    public static ReportTable Layers(LlmConfig config, LlmStoredWeights w)
    {
        var columns = new ReportColumn[]
        {
            new("layer", "Layer", UnitKind.Text, "decoder layer (or the rows outside the layers)"),
            new("params", "Params", UnitKind.Count, "weights stored for the layer"),
            new("weight_bytes", "Stored", UnitKind.Bytes, "bytes stored for the layer, quantization scales included"),
            new("bits_per_weight", "Bits/weight", UnitKind.Ratio, "8 × stored bytes / params"),
            new("types", "Types", UnitKind.Text, "the main stored type, then the rows stored otherwise"),
        };
        var groups = w.Rows.Values.GroupBy(r => LlmCheckpoint.LayerOf(r.Row) is { } i ? i : -1).OrderBy(g => g.Key).ToList();
        var rows = groups.Select(g =>
        {
            long p = g.Sum(r => r.Params), b = g.Sum(r => r.Bytes);
            var main = g.GroupBy(r => r.Types, StringComparer.Ordinal).OrderByDescending(t => t.Sum(r => r.Bytes)).First().Key;
            var others = g.Where(r => r.Types != main && r.Params > 0 && !IsSmall(r, g))
                .Select(r => $"{Short(r.Row)} {r.Types}").ToList();
            var label = g.Key < 0 ? "outside" : g.Key.ToString(CultureInfo.InvariantCulture);
            return new ReportRow(
            [
                ReportValue.Of(label), ReportValue.Of((long?)p), ReportValue.Of((long?)b),
                ReportValue.Of((double?)(p == 0 ? 0 : Math.Round(8.0 * b / p, 3))),
                ReportValue.Of(others.Count == 0 ? main : $"{main}; {string.Join(", ", others)}"),
            ]);
        }).ToList();
        return new ReportTable($"{w.Source}: stored weights per layer", columns, rows);
    }

    // norms and biases (a sliver of the layer) are F32 in GGUF: not worth a mention
    private static bool IsSmall(LlmStoredRow r, IEnumerable<LlmStoredRow> g) => r.Params * 1000 < g.Sum(x => x.Params);

    private static string Short(string row) => LlmCheckpoint.LayerOf(row) is { } i ? row[($"layers.{i}.").Length..] : row;

    /// <summary>The <c>--tensors</c> table: one row per stored cost row (name, types, params, bytes, bits/weight).</summary>
    public static ReportTable Tensors(LlmStoredWeights w)
    {
        var columns = new ReportColumn[]
        {
            new("row", "Row", UnitKind.Text, "cost row the tensors feed (fused q/k/v and gate/up tensors split by width)"),
            new("types", "Types", UnitKind.Text, "stored types"),
            new("params", "Params", UnitKind.Count, "weights"),
            new("weight_bytes", "Stored", UnitKind.Bytes, "stored bytes"),
            new("bits_per_weight", "Bits/weight", UnitKind.Ratio, "8 × bytes / params"),
        };
        var rows = w.Rows.Values.OrderBy(r => LlmCheckpoint.LayerOf(r.Row) ?? (r.Row.StartsWith("embed", StringComparison.Ordinal) ? -1 : int.MaxValue))
            .ThenBy(r => r.Row, StringComparer.Ordinal)
            .Select(r => new ReportRow(
            [
                ReportValue.Of(r.Row), ReportValue.Of(r.Types), ReportValue.Of((long?)r.Params), ReportValue.Of((long?)r.Bytes),
                ReportValue.Of((double?)Math.Round(r.BitsPerWeight, 3)),
            ])).Concat(w.Unmatched.Select(u => new ReportRow(
            [
                ReportValue.Of(u.Name + " (not costed)"), ReportValue.Of(""), ReportValue.Of((long?)u.Params), ReportValue.Of((long?)u.Bytes),
                ReportValue.Of((double?)(u.Params == 0 ? 0 : Math.Round(8.0 * u.Bytes / u.Params, 3))),
            ]))).ToList();
        var totals = new ReportRow([ReportValue.Of("total"), ReportValue.Of(""), ReportValue.Of((long?)w.TotalParams), ReportValue.Of((long?)w.TotalBytes),
            ReportValue.Of((double?)(w.TotalParams == 0 ? 0 : Math.Round(8.0 * w.TotalBytes / w.TotalParams, 3)))]);
        return new ReportTable($"{w.Source}: stored weights per row", columns, rows, totals);
    }
}

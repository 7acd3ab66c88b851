using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ModelMeter.Reports;

/// <summary>
/// The JSON embedded in the page. Per-node data is written column by column (one array per field, op types and precisions as indices
/// into a name list), so a 10,000-node model stays within the page's size budget; the page's script turns the columns back into rows.
/// </summary>
internal static class HtmlWire
{
    // source-generated (NativeAOT): every type written here is reachable from HtmlReportData
    private static readonly JsonSerializerOptions s_json = new(HtmlJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void Json<T>(Utf8JsonWriter w, string name, T value)
    {
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, value, (JsonTypeInfo<T>)s_json.GetTypeInfo(typeof(T)));
    }

    /// <summary>The page's JSON for <paramref name="data"/> (not yet escaped for a script element).</summary>
    internal static string Serialize(HtmlReportData data)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, data, 0);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Write(Utf8JsonWriter w, HtmlReportData d, int depth)
    {
        w.WriteStartObject();
        w.WriteNumber("v", 2);
        w.WriteString("title", d.Title);
        w.WriteString("modelPath", d.ModelPath);
        w.WriteString("producer", d.Producer);
        w.WriteNumber("irVersion", d.IrVersion);
        w.WriteNumber("opset", d.Opset);
        Json(w, "totals", d.Totals);
        Json(w, "dims", d.Dims);
        Json(w, "notes", d.Notes);
        w.WriteString("command", d.Command);
        w.WriteString("toolVersion", d.ToolVersion);
        if (d.MeasuredOn is not null) w.WriteString("measuredOn", d.MeasuredOn);
        if (d.MeasuredLatencyS is { } ml && double.IsFinite(ml)) w.WriteNumber("measuredLatencyS", ml);
        Json(w, "diagnostics", d.Diagnostics);
        Json(w, "byOpType", d.ByOpType);
        w.WritePropertyName("nodes");
        Nodes(w, d.Nodes);
        w.WriteStartArray("chips");
        foreach (var c in d.Chips) Chip(w, c, withNodes: d.WhatIf is null);
        w.WriteEndArray();
        if (d.WhatIf is { } wi)
        {
            Json(w, "whatIf", wi);
        }
        if (d.Sweep is { } sweep) Json(w, "sweep", sweep);
        if (d.Compare is { } other && depth == 0)
        {
            w.WritePropertyName("compare");
            Write(w, other, depth + 1);
        }
        w.WriteEndObject();
    }

    private static void Nodes(Utf8JsonWriter w, IReadOnlyList<HtmlNode> nodes)
    {
        w.WriteStartObject();
        w.WriteNumber("count", nodes.Count);
        Strings(w, "name", nodes.Select(n => n.Name));
        Indexed(w, "opType", "opTypes", nodes.Select(n => n.OpType));
        if (nodes.Any(n => n.Domain.Length > 0)) Indexed(w, "domain", "domains", nodes.Select(n => n.Domain));
        Longs(w, "params", nodes.Select(n => n.Params));
        Longs(w, "macs", nodes.Select(n => n.Macs));
        Longs(w, "flops", nodes.Select(n => n.Flops));
        Longs(w, "bytesRead", nodes.Select(n => n.BytesRead));
        Longs(w, "bytesWritten", nodes.Select(n => n.BytesWritten));
        Longs(w, "weightBytes", nodes.Select(n => n.WeightBytes));
        Longs(w, "indexBytes", nodes.Select(n => n.IndexBytes));
        Longs(w, "indexWeightBytes", nodes.Select(n => n.IndexWeightBytes));
        Indexed(w, "outputShape", "outputShapes", nodes.Select(n => n.OutputShape)); // repeated blocks repeat their shapes
        Indexed(w, "inputShapes", "inputShapeSets", nodes.Select(n => n.InputShapes));
        Indexed(w, "precision", "precisions", nodes.Select(n => n.Precision));
        Indexed(w, "compute", "computes", nodes.Select(n => n.ComputePrecision));
        Indexed(w, "opClass", "opClasses", nodes.Select(n => n.OpClass));
        if (nodes.Any(n => n.MacsExpression.Length > 0 || n.FlopsExpression.Length > 0))
        {
            // formulas of the free dims repeat block after block: indices into one list keep a 10,000-node page small
            Indexed(w, "macsExpr", "macsExprs", nodes.Select(n => n.MacsExpression));
            Indexed(w, "flopsExpr", "flopsExprs", nodes.Select(n => n.FlopsExpression));
        }
        w.WriteStartArray("uncounted");
        for (var i = 0; i < nodes.Count; i++) if (!nodes[i].Counted) w.WriteNumberValue(i);
        w.WriteEndArray();
        if (nodes.Any(n => n.MeasuredS is { } m && double.IsFinite(m)))
        {
            w.WriteStartArray("measuredS");
            foreach (var n in nodes)
                if (n.MeasuredS is { } m && double.IsFinite(m)) w.WriteNumberValue(m); else w.WriteNullValue();
            w.WriteEndArray();
        }
        w.WriteStartArray("inputs");
        foreach (var n in nodes)
        {
            w.WriteStartArray();
            foreach (var i in n.Inputs) w.WriteNumberValue(i);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("formulas"); // [node, kind, c_in, c_out, k_h, k_w, H, W, g, samples]
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Formula is not { } f) continue;
            w.WriteStartArray();
            w.WriteNumberValue(i);
            w.WriteStringValue(f.Kind);
            foreach (var v in new[] { f.CIn, f.COut, f.KernelH, f.KernelW, f.OutH, f.OutW, f.Groups, f.Count }) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Chip(Utf8JsonWriter w, HtmlChip c, bool withNodes)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteStartObject("peaks");
        foreach (var (k, v) in c.Peaks)
            if (double.IsFinite(v) && v > 0) w.WriteNumber(k, v);
        w.WriteEndObject();
        w.WriteNumber("bandwidthBytesPerS", Finite(c.BandwidthBytesPerS));
        if (c.Engine is not null)
        {
            w.WriteString("engine", c.Engine);
            w.WriteBoolean("engineAssumed", c.EngineAssumed);
            if (c.BoundS is { } bs) w.WriteNumber("boundS", Finite(bs));
            if (c.PredictedS is { } ps) w.WriteNumber("predictedS", Finite(ps));
        }
        if (c.Kernels.Count > 0)
        {
            IReadOnlyList<HtmlKernel> kernels = [.. c.Kernels.Select(k => k with
            {
                Intensity = Finite(k.Intensity), AttainableFlopsPerS = Finite(k.AttainableFlopsPerS), BoundS = Finite(k.BoundS), PredictedS = Finite(k.PredictedS),
            })];
            Json(w, "kernels", kernels);
        }
        if (withNodes)
        {
            w.WriteNumber("totalTimeS", Finite(c.TotalTimeS));
            w.WriteStartObject("nodes");
            Doubles(w, "intensity", c.Nodes.Select(n => n.Intensity));
            Doubles(w, "attainableFlopsPerS", c.Nodes.Select(n => n.AttainableFlopsPerS));
            Doubles(w, "timeS", c.Nodes.Select(n => n.TimeS));
            Strings(w, "bound", c.Nodes.Select(n => n.Bound));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static double Finite(double v) => double.IsFinite(v) && v > 0 ? v : 0;

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Longs(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void Doubles(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(Finite(v));
        w.WriteEndArray();
    }

    private static void Indexed(Utf8JsonWriter w, string name, string namesKey, IEnumerable<string> values)
    {
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (!index.TryGetValue(v, out var k)) { k = names.Count; index[v] = k; names.Add(v); }
            w.WriteNumberValue(k);
        }
        w.WriteEndArray();
        Strings(w, namesKey, names);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Reports;
using ModelMeter.Reports.Json;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Reports;

/// <summary>
/// Every output format over a ~200-model sample of the corpus we never tuned for (real models, the ONNX light, converted,
/// simple and node suites, the burn edge cases): the JSON contract of docs/json-schema.md key by key, sums that the
/// contract promises, RFC 4180 CSV, Markdown tables that keep their column count, and the plausibility of memory figures.
/// </summary>
public class CorpusOutputContractTests
{
    private static readonly string[] s_top = ["schema", "model", "inputs", "outputs", "totals", "by_op_type", "nodes", "diagnostics"];
    private static readonly string[] s_model = ["path", "name", "producer", "ir_version", "opset"];
    private static readonly string[] s_tensor = ["name", "dtype", "shape"];
    private static readonly string[] s_totals = ["params", "buffers", "macs", "flops", "bytes_read", "bytes_written", "memory_access_bytes", "weight_bytes", "peak_activation_bytes", "nodes", "unknown_nodes", "expressions"];
    private static readonly string[] s_byOp = ["op_type", "count", "params", "macs", "flops", "memory_access_bytes"];
    private static readonly string[] s_node = ["name", "op_type", "domain", "inputs", "outputs", "params", "macs", "flops", "bytes_read", "bytes_written", "weight_bytes", "macs_expression", "flops_expression"];
    private static readonly string[] s_diag = ["severity", "node", "message"];

    /// <summary>A deterministic sample: every real and light model, every 4th converted/simple test, every 16th node test, every 2nd edge case.</summary>
    internal static IReadOnlyList<string> Sample()
    {
        IEnumerable<string> Every(string folder, int step) =>
            Directory.EnumerateFiles(Corpus.Path(folder), "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % step == 0);
        return [.. Every("models/real", 1), .. Every("onnx-node-tests/light", 1), .. Every("onnx-node-tests/pytorch-converted", 4),
            .. Every("onnx-node-tests/simple", 4), .. Every("onnx-node-tests/node", 16), .. Every("onnx-edge-cases", 2)];
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    private static long? Int(JsonElement e, string key)
    {
        var v = e.GetProperty(key);
        if (v.ValueKind == JsonValueKind.Null) return null;
        Assert.True(v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _), $"{key} = {v} is not an integer");
        return v.GetInt64();
    }

    private static void Tensor(JsonElement t, string where)
    {
        Assert.True(s_tensor.SequenceEqual(Keys(t)), where);
        Assert.Equal(JsonValueKind.String, t.GetProperty("name").ValueKind);
        Assert.Contains(t.GetProperty("dtype").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        var shape = t.GetProperty("shape");
        if (shape.ValueKind == JsonValueKind.Null) return;
        Assert.Equal(JsonValueKind.Array, shape.ValueKind);
        foreach (var d in shape.EnumerateArray())
        {
            Assert.True(d.ValueKind is JsonValueKind.String or JsonValueKind.Null || (d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var n) && n >= 0), $"{where}: dim {d}");
        }
    }

    /// <summary>Checks one analysis/v1 document against docs/json-schema.md; returns the node names.</summary>
    internal static void CheckDocument(JsonElement root, string path)
    {
        Assert.True(s_top.SequenceEqual(Keys(root)), $"{path}: top-level keys {string.Join(",", Keys(root))}");
        Assert.Equal("modelmeter/analysis/v1", root.GetProperty("schema").GetString());
        var model = root.GetProperty("model");
        Assert.True(s_model.SequenceEqual(Keys(model)), path);
        _ = Int(model, "ir_version");
        _ = Int(model, "opset");
        foreach (var t in root.GetProperty("inputs").EnumerateArray().Concat(root.GetProperty("outputs").EnumerateArray())) Tensor(t, path);

        var totals = root.GetProperty("totals");
        Assert.True(s_totals.SequenceEqual(Keys(totals)), path);
        var tot = s_totals[..^1].ToDictionary(k => k, k => Int(totals, k));
        // expressions (issue 12): strings or null, and at the all-ones setting they give the totals (unset symbols count 1)
        var ex = totals.GetProperty("expressions");
        var syms = ex.GetProperty("symbols").EnumerateArray().ToDictionary(e => e.GetString()!, _ => 1L);
        foreach (var k in new[] { "params", "macs", "flops", "memory_access_bytes" })
            if (ex.GetProperty(k).GetString() is { } e && tot[k] is { } v && v < long.MaxValue)
                Assert.True(Dynamic.ExpressionEvaluator.Evaluate(e, syms) == v, $"{path}: totals.expressions.{k} at 1 ≠ {v}");
        Assert.All(tot, kv => Assert.True(kv.Value is null or >= 0, $"{path}: totals.{kv.Key} = {kv.Value}"));

        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(tot["nodes"], nodes.Count);
        var sums = new Dictionary<string, long> { ["params"] = 0, ["macs"] = 0, ["flops"] = 0, ["bytes_read"] = 0, ["bytes_written"] = 0 };
        var byOp = new List<(string Op, long[] V)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            Assert.True(s_node.SequenceEqual(Keys(n)), path);
            var name = n.GetProperty("name").GetString()!;
            names.Add(name);
            foreach (var t in n.GetProperty("inputs").EnumerateArray().Concat(n.GetProperty("outputs").EnumerateArray())) Tensor(t, $"{path} node {name}");
            foreach (var k in s_node[5..^2]) Assert.True(Int(n, k) is null or >= 0, $"{path} node {name}: {k}");
            foreach (var k in sums.Keys) sums[k] += Int(n, k) ?? 0;
            var op = n.GetProperty("op_type").GetString()!;
            long[] v = [1, Int(n, "params") ?? 0, Int(n, "macs") ?? 0, Int(n, "flops") ?? 0, (Int(n, "bytes_read") ?? 0) + (Int(n, "bytes_written") ?? 0)];
            int at = byOp.FindIndex(x => x.Op == op);
            if (at < 0) byOp.Add((op, v));
            else for (int i = 0; i < v.Length; i++) byOp[at].V[i] += v[i];
        }
        if (!root.GetProperty("diagnostics").EnumerateArray().Any(d => d.GetProperty("message").GetString()!.Contains("overflows 64 bits", StringComparison.Ordinal)))
        {
            foreach (var (k, sum) in sums) Assert.True(tot[k] == sum, $"{path}: totals.{k} = {tot[k]}, nodes sum to {sum}");
            Assert.Equal(tot["bytes_read"] + tot["bytes_written"], tot["memory_access_bytes"]);
        }

        var rollup = root.GetProperty("by_op_type").EnumerateArray().ToList();
        Assert.Equal(byOp.Select(x => x.Op), rollup.Select(r => r.GetProperty("op_type").GetString()));
        foreach (var (r, expected) in rollup.Zip(byOp))
        {
            Assert.True(s_byOp.SequenceEqual(Keys(r)), path);
            Assert.Equal(expected.V, new[] { Int(r, "count") ?? -1, Int(r, "params") ?? -1, Int(r, "macs") ?? -1, Int(r, "flops") ?? -1, Int(r, "memory_access_bytes") ?? -1 });
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in root.GetProperty("diagnostics").EnumerateArray())
        {
            Assert.True(s_diag.SequenceEqual(Keys(d)), path);
            Assert.Contains(d.GetProperty("severity").GetString(), new[] { "info", "warning", "error" });
            Assert.True(seen.Add(d.GetRawText()), $"{path}: duplicate diagnostic {d.GetRawText()}");
            if (d.GetProperty("node").GetString() is { } node)
            {
                // a node diagnostic names a row of the table, or a path into a subgraph that starts at one
                var head = node.Split('/')[0];
                Assert.True(names.Contains(node) || names.Any(x => node.StartsWith(x + "/", StringComparison.Ordinal)) || names.Contains(head),
                    $"{path}: diagnostic names node '{node}', which is not in the node list");
            }
        }
    }

    [CorpusFact]
    public void Every_format_keeps_its_contract_on_the_corpus_sample()
    {
        var sample = Sample();
        Assert.InRange(sample.Count, 180, 400);
        int analysed = 0;
        foreach (var path in sample)
        {
            Model model;
            try { model = OnnxReader.Read(path); }
            catch (ModelMeterException) { continue; } // a clean error is fine here; the CLI test below covers error rows
            var profile = Analyzer.Analyze(model);
            analysed++;
            var json = AnalysisJson.Serialize(AnalysisDocument.From(profile));
            using var doc = JsonDocument.Parse(json); // strict JSON: a bare NaN or Infinity token fails here
            CheckDocument(doc.RootElement, path);
            CheckMemory(profile, model, path);

            var report = AnalysisReport.From(profile);
            var csv = Rfc4180(new CsvExporter().ExportToString(report));
            Assert.Equal(profile.Nodes.Count + 1, csv.Count);
            Assert.All(csv, row => Assert.Equal(csv[0].Count, row.Count));
            CheckMarkdown(new MarkdownExporter().ExportToString(report), path);
            CheckUnits(report.Nodes, path);
            CheckUnits(report.ByOpType, path);
        }
        Assert.True(analysed >= 170, $"only {analysed} of {sample.Count} models analysed");
    }

    /// <summary>Weights of an inline model fit in its file; the peak is at least the largest activation the walk allocates.</summary>
    private static void CheckMemory(ModelProfile profile, Model model, string path)
    {
        var t = profile.Totals;
        bool external = model.Graph.Initializers.Values.Any(i => i.IsExternal);
        if (!external && model.Graph.Nodes.All(n => !n.Subgraphs.Any()))
            Assert.True(t.WeightBytes <= new FileInfo(path).Length, $"{path}: weight bytes {t.WeightBytes} > file size");
        var constants = model.Graph.Nodes.Where(n => n.OpType == "Constant").SelectMany(n => n.Outputs).ToHashSet(StringComparer.Ordinal);
        long largest = 0;
        foreach (var n in profile.Nodes.Where(n => n.Counted))
            foreach (var o in n.Outputs.Where(o => !constants.Contains(o.Name)))
                if (o.Shape is { } s && s.Dims.All(d => d.IsKnown) && o.DataType is not (DataType.Undefined or DataType.String))
                    largest = Math.Max(largest, DataTypes.Bytes(o.DataType, s.Dims.Aggregate(1L, (a, d) => checked(a * d.Value))));
        Assert.True(t.PeakActivationBytes >= largest, $"{path}: peak {t.PeakActivationBytes} < largest activation {largest}");
    }

    private static void CheckMarkdown(string md, string path)
    {
        int Pipes(string l) => Regex.Count(l, @"(?<!\\)\|");
        var lines = md.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|')) continue;
            int header = Pipes(lines[i]);
            for (; i < lines.Length && lines[i].StartsWith('|'); i++)
                Assert.True(Pipes(lines[i]) == header, $"{path}: markdown row has {Pipes(lines[i])} pipes, header {header}: {lines[i]}");
        }
    }

    /// <summary>No column prints a big raw number without a unit: at most four integer digits unless the unit is fixed.</summary>
    private static void CheckUnits(ReportTable table, string path)
    {
        for (int c = 0; c < table.Columns.Count; c++)
        {
            var col = table.Columns[c];
            if (!col.IsNumeric || col.FixedUnit || col.Kind == UnitKind.Ratio) continue;
            foreach (var row in table.Rows) // the totals row is in the rows' unit, so it may be longer
            {
                var cell = table.Cell(row, c);
                var integer = cell.Split('.')[0].Replace(",", "", StringComparison.Ordinal).TrimStart('<', '>', '-');
                Assert.True(integer.Length <= 4, $"{path}: {table.Title}.{table.Header(c)} prints '{cell}'");
            }
        }
    }

    /// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, no stray quote in a bare field.</summary>
    private static List<List<string>> Rfc4180(string text)
    {
        var records = new List<List<string>>();
        var field = new System.Text.StringBuilder();
        var record = new List<string>();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; wasQuoted = true; }
                else field.Append(c);
                continue;
            }
            if (c == '"')
            {
                Assert.True(field.Length == 0 && !wasQuoted, $"stray quote at {i}");
                quoted = true;
            }
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); wasQuoted = false; }
            else if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"bare CR at {i}");
                record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; wasQuoted = false; i++;
            }
            else
            {
                Assert.True(c != '\n' && !wasQuoted, $"bare LF or text after a closing quote at {i}");
                field.Append(c);
            }
        }
        Assert.False(quoted, "unterminated quote");
        Assert.Empty(record);
        return records;
    }

    [CorpusFact]
    public void Many_models_and_a_broken_file_in_every_multi_model_format()
    {
        var dir = Directory.CreateTempSubdirectory("mm-review2-");
        try
        {
            File.Copy(Corpus.Require("models", "real", "burn__mnist.onnx"), Path.Combine(dir.FullName, "a.onnx"));
            File.WriteAllBytes(Path.Combine(dir.FullName, "b.onnx"), File.ReadAllBytes(Corpus.Require("models", "real", "burn__mnist.onnx"))[..3000]);
            var sine = Corpus.Require("models", "real", "burn__sine.onnx");

            var csv = CliRunner.Run("analyze", sine, dir.FullName, "--format", "csv");
            Assert.Equal(3, csv.ExitCode);
            var rows = Rfc4180(csv.Out);
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
            int err = rows[0].IndexOf("error");
            Assert.Equal("", rows[1][err]);
            Assert.StartsWith("not a valid ONNX model (truncated", rows[3][err], StringComparison.Ordinal); // the path is in the model column

            var table = CliRunner.Run("analyze", sine, dir.FullName);
            Assert.Equal(3, table.ExitCode);
            Assert.Contains("not a valid", table.Out, StringComparison.Ordinal);

            var json = CliRunner.Run("analyze", sine, dir.FullName, "--format", "json");
            using var doc = JsonDocument.Parse(json.Out);
            var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
            Assert.Equal(3, models.Count);
            CheckDocument(models[0], sine);
            CheckDocument(models[1], "a.onnx");
            Assert.Equal(3, models[2].GetProperty("exit_code").GetInt32());

            var good = CliRunner.Run("analyze", sine, Path.Combine(dir.FullName, "a.onnx"), "--format", "md");
            Assert.Equal(0, good.ExitCode);
            Assert.DoesNotContain("Error", good.Out, StringComparison.Ordinal);
        }
        finally { dir.Delete(true); }
    }

    [CorpusFact]
    public void Subgraph_diagnostics_are_distinct_and_name_their_path()
    {
        var profile = Analyzer.Analyze(OnnxReader.Read(Corpus.Require("onnx-edge-cases", "burn-onnx-tests", "subgraph__nested_if_loop_if.onnx")));
        Assert.Equal(profile.Diagnostics.Count, profile.Diagnostics.Distinct().Count());
        var loops = profile.Diagnostics.Where(d => d.Node?.EndsWith("/Loop_0", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(loops);
        Assert.All(loops, d => Assert.StartsWith("If_3/", d.Node!, StringComparison.Ordinal));
    }
}

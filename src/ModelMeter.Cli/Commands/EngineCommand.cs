using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelMeter.Cli.Internals;
using ModelMeter.Engines;
using ModelMeter.Reports;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter engine list|show</c>: the inference engines, their fusion rules, overheads and chip factors, with sources.</summary>
internal static class EngineCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("engine", "Inference engines: fusion rules, efficiency factors and overheads behind the predictions, with sources");
        cmd.Subcommands.Add(Sub(context, "list", "List the engines", show: false));
        cmd.Subcommands.Add(Sub(context, "show", "Show one engine: every fusion rule, overhead and factor with its source", show: true));
        return cmd;
    }

    private static Command Sub(CliContext context, string name, string description, bool show)
    {
        var id = new Argument<string>("NAME") { Description = "Engine id (see `modelmeter engine list`)" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(AnalyzeCommand.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE (atomically) instead of stdout" };
        var cmd = new Command(name, description) { format, output };
        if (show) cmd.Arguments.Add(id);
        cmd.SetAction(p =>
        {
            var catalog = EngineCatalog.Default;
            var fmt = p.GetValue(format) ?? "table";
            IReadOnlyList<EngineSpec> engines = show ? [catalog.Get(p.GetValue(id) ?? "")] : catalog.Engines;
            AnalyzeCommand.Emit(context, p.GetValue(output), fmt, w =>
            {
                if (fmt == "json") w.Write(Json(engines, catalog, show) + "\n");
                else if (show) TableOutput.Write(context, w, fmt, Fields(engines[0]), Architectures(catalog));
                else TableOutput.Write(context, w, fmt, List(engines));
            });
            return 0;
        });
        return cmd;
    }

    static string Us(double seconds) => (seconds * 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " µs";

    static ReportTable List(IReadOnlyList<EngineSpec> engines)
    {
        ReportColumn[] cols =
        [
            new("id", "Engine", UnitKind.Text, ""), new("runs_on", "Runs on", UnitKind.Text, ""),
            new("fusions", "Fusions", UnitKind.Text, "fusion rules on (see engine show)"),
            new("kernel_gap", "Gap/kernel", UnitKind.Text, "device idle time between kernels"),
            new("host_per_kernel", "Host/kernel", UnitKind.Text, "host dispatch time per kernel"),
            new("name", "Name", UnitKind.Text, ""),
        ];
        var rows = engines.Select(e => new ReportRow(
        [
            ReportValue.Of(e.Id), ReportValue.Of(string.Join(",", e.RunsOn) + (e.Vendors.Count > 0 ? " (" + string.Join(",", e.Vendors) + ")" : "") + (e.Llm ? ", llm" : "")),
            ReportValue.Of($"{e.Fusion.Describe().Count(r => r.On)}/{e.Fusion.Describe().Count}"),
            ReportValue.Of(Us(e.KernelGapS)), ReportValue.Of(Us(e.HostPerKernelS)), ReportValue.Of(e.Name),
        ])).ToList();
        return new ReportTable("Inference engines (modelmeter engine show NAME for sources)", cols, rows);
    }

    static ReportTable Fields(EngineSpec e)
    {
        ReportColumn[] cols = [new("field", "Field", UnitKind.Text, ""), new("value", "Value", UnitKind.Text, ""), new("source", "Source", UnitKind.Text, "")];
        var rows = new List<ReportRow>
        {
            Row("name", e.Name, ""), Row("summary", e.Summary, ""),
            Row("runs on", string.Join(", ", e.RunsOn) + (e.Vendors.Count > 0 ? " — " + string.Join(", ", e.Vendors) + " chips" : " — any vendor"), e.SourceOf("runs_on")),
        };
        bool first = true;
        foreach (var (rule, on, meaning) in e.Fusion.Describe())
        {
            var source = rule == "horizontal-gemms" && e.Sources.ContainsKey("horizontal_gemms") ? e.SourceOf("horizontal_gemms") : first ? e.SourceOf("fusion") : "(as above)";
            rows.Add(Row("fusion: " + rule, (on ? "yes" : "no") + " — " + meaning, source));
            first = false;
        }
        rows.Add(Row("kernel gap", Us(e.KernelGapS), e.SourceOf("kernel_gap_s")));
        rows.Add(Row("host dispatch per kernel", Us(e.HostPerKernelS), e.SourceOf("host_per_kernel_s")));
        rows.Add(Row("per run", Us(e.PerRunS), e.SourceOf("per_run_s")));
        rows.Add(Row("host↔device copies per run", e.CopiesIo ? "yes" : "no", e.SourceOf("copies_io")));
        rows.Add(Row("GEMM fraction of the chip's achievable", e.GemmFraction.ToString("0.##", CultureInfo.InvariantCulture), e.SourceOf("gemm_fraction")));
        if (e.Llm)
        {
            rows.Add(Row("per decode step", Us(e.PerStepS), e.SourceOf("per_step_s")));
            rows.Add(Row("decode bandwidth fraction", e.DecodeBandwidthFraction.ToString("0.##", CultureInfo.InvariantCulture), e.SourceOf("decode_bandwidth_fraction")));
        }
        return new ReportTable($"Engine {e.Id}", cols, rows);
    }

    static ReportTable Architectures(EngineCatalog catalog)
    {
        ReportColumn[] cols =
        [
            new("architecture", "Architecture", UnitKind.Text, ""), new("gemm", "GEMM of peak", UnitKind.Text, "achieved / datasheet tensor peak, per precision"),
            new("vector", "Vector", UnitKind.Text, ""), new("bandwidth", "Bandwidth", UnitKind.Text, "achieved / datasheet DRAM bandwidth"),
            new("attention", "Attention", UnitKind.Text, ""), new("l2", "L2 × DRAM", UnitKind.Text, "on-chip bandwidth as a multiple of DRAM"),
            new("sources", "Sources", UnitKind.Text, ""),
        ];
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var rows = catalog.Architectures.Select(a => new ReportRow(
        [
            ReportValue.Of(a.Id), ReportValue.Of(string.Join(" ", a.Gemm.Select(kv => $"{kv.Key} {F(kv.Value)}"))),
            ReportValue.Of(F(a.Vector)), ReportValue.Of(F(a.Bandwidth)), ReportValue.Of(F(a.Attention)), ReportValue.Of(F(a.L2BandwidthRatio)),
            ReportValue.Of(string.Join("; ", a.Sources.Select(kv => $"{kv.Key}: {kv.Value}"))),
        ])).ToList();
        return new ReportTable("Chip factors every engine's prediction uses (per architecture)", cols, rows);
    }

    static ReportRow Row(string field, string value, string source) => new([ReportValue.Of(field), ReportValue.Of(value), ReportValue.Of(source)]);

    static string Json(IReadOnlyList<EngineSpec> engines, EngineCatalog catalog, bool show)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("engines");
            foreach (var e in engines)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id); w.WriteString("name", e.Name); w.WriteString("summary", e.Summary);
                w.WriteStartArray("runs_on"); foreach (var k in e.RunsOn) w.WriteStringValue(k); w.WriteEndArray();
                w.WriteStartArray("vendors"); foreach (var v in e.Vendors) w.WriteStringValue(v); w.WriteEndArray();
                w.WriteBoolean("llm", e.Llm);
                w.WriteStartObject("fusion"); foreach (var (rule, on, _) in e.Fusion.Describe()) w.WriteBoolean(rule, on); w.WriteEndObject();
                w.WriteNumber("kernel_gap_s", e.KernelGapS); w.WriteNumber("host_per_kernel_s", e.HostPerKernelS);
                w.WriteNumber("per_run_s", e.PerRunS); w.WriteNumber("per_step_s", e.PerStepS); w.WriteBoolean("copies_io", e.CopiesIo);
                w.WriteNumber("gemm_fraction", e.GemmFraction); w.WriteNumber("decode_bandwidth_fraction", e.DecodeBandwidthFraction);
                w.WriteStartObject("sources"); foreach (var kv in e.Sources) w.WriteString(kv.Key, kv.Value); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (show)
            {
                w.WriteStartArray("architectures");
                foreach (var a in catalog.Architectures)
                {
                    w.WriteStartObject();
                    w.WriteString("id", a.Id);
                    w.WriteStartObject("gemm"); foreach (var kv in a.Gemm) w.WriteNumber(kv.Key, kv.Value); w.WriteEndObject();
                    w.WriteNumber("vector", a.Vector); w.WriteNumber("bandwidth", a.Bandwidth); w.WriteNumber("attention", a.Attention);
                    w.WriteNumber("l2_bandwidth_ratio", a.L2BandwidthRatio);
                    w.WriteStartObject("sources"); foreach (var kv in a.Sources) w.WriteString(kv.Key, kv.Value); w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}

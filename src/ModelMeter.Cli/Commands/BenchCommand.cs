using System.CommandLine;
using System.Text;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Reports;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Onnx;
using ModelMeter.Roofline;
using ModelMeter.Runtime;
using Spectre.Console;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter bench MODEL</c>: run with ONNX Runtime, latency statistics and per-node times beside our counts.</summary>
internal static class BenchCommand
{
    /// <summary>Output formats.</summary>
    public static readonly string[] Formats = ["table", "json", "csv", "html"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "ONNX file or zoo:NAME (zoo models are exported with deterministic random weights)" };
        var runs = new Option<int>("--runs") { Description = "Timed runs", DefaultValueFactory = _ => 50 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up runs (not timed)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = its default)", DefaultValueFactory = _ => 0 };
        var dims = new Option<string[]>("--dim") { Description = "Symbolic dimensions NAME=VALUE (others are 1)" };
        var inputs = new Option<string[]>("--input") { Description = "Shape of an input: NAME=1x512 (for unnamed dynamic dims; repeatable)" };
        var data = new Option<string[]>("--input-data") { Description = "Feed an input from a .npy file: NAME=FILE (repeatable)" };
        var vs = new Option<bool>("--vs-estimate") { Description = "Put the roofline prediction beside the measurement (needs --hw-file or --hw)" };
        var hwFile = new Option<string?>("--hw-file") { Description = "Hardware JSON (e.g. from `modelmeter hw probe -o local.json`)" };
        var hw = new Option<string?>("--hw") { Description = "Hardware id (catalog, or an entry of --hw-file)" };
        var top = new Option<int>("--top") { Description = "Nodes shown in the table (slowest first; 0 = all)", DefaultValueFactory = _ => 20 };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout" };
        var cmd = new Command("bench", "Measure a model with ONNX Runtime (CPU): latency and per-node times") { model, runs, warmup, threads, dims, inputs, data, vs, hwFile, hw, top, format, output };
        cmd.SetAction(p => Run(context, p.GetValue(model)!, new BenchOptions(
                Runs: p.GetValue(runs), Warmup: p.GetValue(warmup), Threads: p.GetValue(threads),
                Dims: OptionParsers.Dims(p.GetValue(dims)), InputData: InputData(p.GetValue(data)), InputShapes: Shapes(OptionParsers.Inputs(p.GetValue(inputs)))),
            p.GetValue(vs), RuntimeCli.Hardware(p.GetValue(hwFile), p.GetValue(hw)), p.GetValue(top), p.GetValue(format) ?? "table", p.GetValue(output)));
        return cmd;
    }

    /// <summary>Concrete input shapes for ONNX Runtime (<c>--input</c> values are whole numbers); null when none.</summary>
    internal static Dictionary<string, long[]>? Shapes(Dictionary<string, Graphs.Shape> inputs)
        => inputs.Count == 0 ? null : inputs.ToDictionary(kv => kv.Key, kv => kv.Value.TryValues()!, StringComparer.Ordinal);

    static Dictionary<string, string>? InputData(string[]? values)
    {
        if (values is null || values.Length == 0) return null;
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var i = v.IndexOf('=', StringComparison.Ordinal);
            if (i <= 0 || i == v.Length - 1) throw ModelMeterException.Usage($"--input-data '{v}': expected NAME=FILE.npy");
            d[v[..i]] = v[(i + 1)..];
        }
        return d;
    }

    /// <summary>Benchmarks <paramref name="spec"/> (a file, or zoo:NAME written to a temporary file first).</summary>
    internal static BenchResult Measure(CliContext context, string spec, BenchOptions options)
    {
        string path = spec;
        string? temp = null;
        if (spec.StartsWith("zoo:", StringComparison.Ordinal))
        {
            temp = Directory.CreateTempSubdirectory("modelmeter-zoo-").FullName;
            path = Path.Combine(temp, spec[4..] + ".onnx");
            OnnxWriter.Write(ModelMeter.Zoo.ModelZoo.Build(spec, withWeights: true), path); // deterministic random weights
        }
        try
        {
            return RuntimeCli.WithProgress(context, $"bench {Path.GetFileName(spec)}", report =>
                Bencher.Run(path, options, new Progress(p => report(p.Phase, p.Fraction(options)))));
        }
        catch (ModelMeterException e) when (temp is not null)
        {
            throw new ModelMeterException(e.Kind, e.Message.Replace(path, spec, StringComparison.Ordinal), e); // name the zoo model, not its temp file
        }
        finally
        {
            if (temp is not null) Directory.Delete(temp, true);
        }
    }

    sealed class Progress(Action<BenchProgress> f) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => f(value);
    }

    static int Run(CliContext context, string spec, BenchOptions options, bool vsEstimate, HardwareSpec? hw, int top, string format, string? output)
    {
        if (vsEstimate && hw is null) throw ModelMeterException.Usage("--vs-estimate needs --hw-file FILE or --hw ID");
        var r = Measure(context, spec, options);
        foreach (var n in r.Notes) context.Error.WriteLine($"modelmeter: note: {n}");
        Func<NodeCost, double>? predict = null;
        if (vsEstimate && r.OptimizedProfile is { } prof)
        {
            var est = prof.Estimate(hw!);
            var byName = est.Nodes.GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First().TimeS, StringComparer.Ordinal);
            predict = c => byName.GetValueOrDefault(c.Name);
        }
        var m = Measurement.From(r, predict);
        var text = format switch
        {
            "json" => "{\n  \"model\": " + System.Text.Json.JsonSerializer.Serialize(spec, CliJsonContext.Default.String) + ",\n  \"measurement\": " + m.ToJson().Replace("\n", "\n  ", StringComparison.Ordinal) + "\n}\n",
            "csv" => Csv(m),
            "html" => HtmlExporter.Render(Html(context, spec, r, options, vsEstimate ? hw : null)),
            _ => null,
        };
        if (text is not null) { RuntimeCli.Emit(context, output, text); return 0; }
        using var sw = new StringWriter();
        var console = context.ConsoleFor(output is null ? context.Out : sw);
        WriteTable(console, spec, m, hw, top);
        if (output is not null) RuntimeCli.Emit(context, output, sw.ToString());
        return 0;
    }

    /// <summary>The HTML report of a benchmark: rows = the optimised graph ONNX Runtime ran (else the model as given), measured times
    /// joined by node name, predictions on <paramref name="hw"/> when given.</summary>
    static HtmlReportData Html(CliContext context, string spec, BenchResult r, BenchOptions options, HardwareSpec? hw)
    {
        var profile = r.OptimizedProfile ?? AnalyzeCommand.Analyze(context, spec, new Shapes.ShapeOptions(Dims: options.Dims,
            InputShapes: options.InputShapes?.ToDictionary(kv => kv.Key, kv => Graphs.Shape.Of(kv.Value), StringComparer.Ordinal)));
        return MeasuredHtml.Build(spec, r, profile, r.OptimizedProfile is not null, hw is null ? [] : [hw], null, context.CommandLine);
    }

    static string Csv(Measurement m)
    {
        var sb = new StringBuilder("name,op_type,op_class,time_s,kernel_time_s,share,flops,bytes,achieved_flops_per_s,achieved_bytes_per_s,predicted_time_s\n");
        static string N(double? v) => v is { } x ? RuntimeCli.F(x, "R") : "";
        foreach (var n in m.Nodes)
            sb.Append(CsvExporter.Quote(n.Name)).Append(',').Append(CsvExporter.Quote(n.OpType)).Append(',').Append(n.OpClass?.ToString() ?? "").Append(',')
              .Append(N(n.TimeS)).Append(',').Append(N(n.KernelTimeS)).Append(',').Append(N(n.Share)).Append(',').Append(n.Flops).Append(',').Append(n.Bytes).Append(',')
              .Append(N(n.AchievedFlopsPerS)).Append(',').Append(N(n.AchievedBytesPerS)).Append(',').Append(N(n.PredictedTimeS)).Append('\n');
        return sb.ToString();
    }

    static void WriteTable(IAnsiConsole console, string spec, Measurement m, HardwareSpec? hw, int top)
    {
        var l = m.LatencyS;
        console.WriteLine($"{spec}: {m.Runtime}, {m.Provider}, threads {(m.Threads == 0 ? "default" : m.Threads)}, {m.OptimizationLevel}, {m.Warmup} warm-up + {m.Runs} timed runs");
        console.WriteLine($"latency  mean {RuntimeCli.Time(l.Mean)}  p50 {RuntimeCli.Time(l.P50)}  p90 {RuntimeCli.Time(l.P90)}  p99 {RuntimeCli.Time(l.P99)}  " +
                          $"min {RuntimeCli.Time(l.Min)}  max {RuntimeCli.Time(l.Max)}  throughput {RuntimeCli.F(m.ThroughputPerS, "F1")}/s");
        if (m.PredictedTimeS is { } pt)
            console.WriteLine($"predicted {RuntimeCli.Time(pt)} on {hw!.Id}{(hw.Calibration is null ? " (plain roofline)" : " (calibrated)")}: " +
                              $"error {RuntimeCli.F((pt - m.ProfiledRunS) / m.ProfiledRunS * 100, "+0.0;-0.0")}% vs the profiled run {RuntimeCli.Time(m.ProfiledRunS)}");
        if (m.Nodes.Count == 0) return;
        var peak = hw?.PeakFlopsPerSecond(Precision.Fp32);
        var t = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "Node", "Op", "Time", "Share", "GFLOP/s", "GB/s" }) t.AddColumn(h);
        if (peak is not null) t.AddColumn("% peak");
        if (m.PredictedTimeS is not null) t.AddColumn("Predicted");
        var rows = m.Nodes.OrderByDescending(n => n.TimeS).Take(top <= 0 ? int.MaxValue : top);
        foreach (var n in rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(DisplayText.Visible(n.Name)), Markup.Escape(DisplayText.Visible(n.OpType)), RuntimeCli.Time(n.TimeS), RuntimeCli.F(n.Share * 100, "F1") + "%",
                n.AchievedFlopsPerS is { } f ? RuntimeCli.F(f / 1e9, "F2") : "–", n.AchievedBytesPerS is { } b ? RuntimeCli.F(b / 1e9, "F2") : "–",
            };
            if (peak is { } pk) cells.Add(n.AchievedFlopsPerS is { } f2 ? RuntimeCli.F(f2 / pk * 100, "F1") + "%" : "–");
            if (m.PredictedTimeS is not null) cells.Add(n.PredictedTimeS is { } p ? RuntimeCli.Time(p) : "–");
            t.AddRow([.. cells]);
        }
        console.Write(t);
        console.WriteLine($"{m.Nodes.Count} nodes measured, node time {RuntimeCli.Time(m.NodeTimeS)} (profiled run {RuntimeCli.Time(m.ProfiledRunS)}); " +
                          $"unattributed {RuntimeCli.F(m.UnattributedFraction * 100, "F1")}%. Time = kernel + dispatch gap before it; GFLOP/s and GB/s = our counts / measured time.");
    }
}

using System.CommandLine;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Roofline;
using ModelMeter.Runtime;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Commands;

/// <summary>
/// <c>modelmeter report MODEL [--hw IDS] [--bench] -o report.html</c>: one self-contained HTML page with the totals, a roofline per
/// chip, time and FLOPs by op type, the sortable node table, measured times with <c>--bench</c>, diagnostics, command and version.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "ONNX file or zoo:NAME" };
        var hw = new Option<string?>("--hw") { Description = "Chips to draw a roofline for: ID[,ID…] (see `modelmeter hw list`)" };
        var hwFile = HardwareOptions.HwFile();
        var engine = HardwareOptions.Engine();
        var precision = new Option<string?>("--precision") { Description = "What-if precision of the predictions (needs --hw): fp32|tf32|fp16|bf16|fp8|int8|int4|w8a8|w4a16" };
        var batch = new Option<string?>("--batch") { Description = "Batch size of the predictions (needs --hw; binds the first input's leading symbolic dim)" };
        var bench = new Option<bool>("--bench") { Description = "Also run the model with ONNX Runtime (CPU) and show measured times beside the predictions" };
        var runs = new Option<int>("--runs") { Description = "With --bench: timed runs", DefaultValueFactory = _ => 50 };
        var warmup = new Option<int>("--warmup") { Description = "With --bench: warm-up runs", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "With --bench: ONNX Runtime intra-op threads (0 = its default)", DefaultValueFactory = _ => 0 };
        var dims = new Option<string[]>("--dim") { Description = "Set symbolic dimensions: NAME=VALUE[,NAME=VALUE] (repeatable)" };
        var inputs = new Option<string[]>("--input") { Description = "Override an input shape: NAME=4x3x320x320 (repeatable; with --bench also the shape ONNX Runtime is fed)" };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write, atomically (default: MODEL.report.html in the current folder)" };
        var cmd = new Command("report", "Write a self-contained HTML report: roofline per chip, by-op-type chart, sortable node table, measured times with --bench")
        {
            model, hw, hwFile, precision, batch, bench, runs, warmup, threads, dims, inputs, output, engine,
        };
        cmd.SetAction(p =>
        {
            var spec = p.GetValue(model)!;
            var hwIds = p.GetValue(hw);
            bool doBench = p.GetValue(bench);
            var engineSpec = HardwareOptions.ParseEngine(p.GetValue(engine));
            if (hwIds is null && (p.GetValue(precision) is not null || p.GetValue(batch) is not null || engineSpec is not null))
                throw ModelMeterException.Usage("--precision, --batch and --engine apply to the predictions: add --hw ID (e.g. --hw t4)");
            if (!doBench && new Option[] { runs, warmup, threads }.Any(o => p.GetResult(o) is { Implicit: false }))
                throw ModelMeterException.Usage("--runs, --warmup and --threads configure --bench: add --bench");
            if (doBench && p.GetValue(batch) is not null)
                throw ModelMeterException.Usage("--batch with --bench: set the batch with --dim NAME=N so that the measured and the predicted runs are the same");
            var inputShapes = OptionParsers.Inputs(p.GetValue(inputs));
            var dimValues = OptionParsers.Dims(p.GetValue(dims));
            var plan = p.GetValue(precision) is { } pr ? PrecisionPlan.Parse(pr) : null;
            var batches = HardwareOptions.Batches(p.GetValue(batch) is { } b ? [b] : null);
            var chips = hwIds is null ? [] : HardwareOptions.Catalog(p.GetValue(hwFile)).GetMany(hwIds);
            var path = p.GetValue(output) ?? DefaultOutput(spec);
            var options = new ShapeOptions(Dims: dimValues, InputShapes: inputShapes.Count > 0 ? inputShapes : null);

            var loaded = context.Loader(spec);
            foreach (var w in loaded.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {spec}: {w}");
            HtmlReportData data;
            if (doBench)
            {
                var original = AnalyzeCommand.Analyze(context, spec, options, loaded);
                var r = BenchCommand.Measure(context, spec, new BenchOptions(Runs: p.GetValue(runs), Warmup: p.GetValue(warmup), Threads: p.GetValue(threads), Dims: dimValues, InputShapes: BenchCommand.Shapes(inputShapes)));
                data = MeasuredHtml.Build(spec, r, r.OptimizedProfile ?? original, r.OptimizedProfile is not null, chips, plan, context.CommandLine, original);
            }
            else if (chips.Count > 0)
            {
                var run = AnalyzeEstimates.Compute(loaded, options, chips, plan, batches, o => AnalyzeCommand.Analyze(context, spec, o, loaded),
                    engine: engineSpec);
                data = AnalyzeEstimates.Html(run, chips, context.CommandLine);
            }
            else
            {
                data = HtmlReportBuilder.FromProfile(AnalyzeCommand.Analyze(context, spec, options, loaded), [], context.CommandLine);
            }
            HtmlExporter.Write(data, path);
            context.Error.WriteLine($"modelmeter: wrote {path}");
            return 0;
        });
        return cmd;
    }

    /// <summary><c>NAME.report.html</c> in the current folder: the file name without extension, or the zoo name.</summary>
    internal static string DefaultOutput(string spec) =>
        (spec.StartsWith("zoo:", StringComparison.Ordinal) ? spec[4..] : Path.GetFileNameWithoutExtension(spec)) + ".report.html";
}

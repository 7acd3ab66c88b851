using System.CommandLine;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
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
        var model = new Argument<string[]>("MODEL") { Description = "ONNX file or zoo:NAME; a second model makes a compare page (A beside B, per-op-type and per-layer deltas)", Arity = new ArgumentArity(1, 2) };
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
        var sweep = new Option<string?>("--sweep") { Description = "Add a sweep section: cost and estimated latency (with --hw) against one symbolic dim, NAME=v1,v2,… or NAME=start:stop:step; the rest of the page shows the first value" };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write, atomically (default: MODEL.report.html in the current folder)" };
        var cmd = new Command("report", "Write a self-contained HTML report: roofline per chip, by-op-type chart, sortable node table, measured times with --bench")
        {
            model, hw, hwFile, precision, batch, bench, runs, warmup, threads, dims, inputs, output, engine, sweep,
        };
        cmd.SetAction(p =>
        {
            var specs = p.GetValue(model)!;
            var spec = specs[0];
            var hwIds = p.GetValue(hw);
            bool doBench = p.GetValue(bench);
            var engineSpec = HardwareOptions.ParseEngine(p.GetValue(engine));
            if (hwIds is null && (p.GetValue(precision) is not null || p.GetValue(batch) is not null || engineSpec is not null))
                throw ModelMeterException.Usage("--precision, --batch and --engine apply to the predictions: add --hw ID (e.g. --hw t4)");
            if (!doBench && new Option[] { runs, warmup, threads }.Any(o => p.GetResult(o) is { Implicit: false }))
                throw ModelMeterException.Usage("--runs, --warmup and --threads configure --bench: add --bench");
            if (doBench && specs.Length > 1)
                throw ModelMeterException.Usage("--bench measures one model: compare two models without --bench");
            if (doBench && p.GetValue(batch) is not null)
                throw ModelMeterException.Usage("--batch with --bench: set the batch with --dim NAME=N so that the measured and the predicted runs are the same");
            var sweepRaw = p.GetValue(sweep);
            if (sweepRaw is not null && (doBench || specs.Length > 1))
                throw ModelMeterException.Usage("--sweep reports one model without --bench");
            var inputShapes = OptionParsers.Inputs(p.GetValue(inputs));
            var dimValues = OptionParsers.Dims(p.GetValue(dims));
            var plan = p.GetValue(precision) is { } pr ? PrecisionPlan.Parse(pr) : null;
            var batches = HardwareOptions.Batches(p.GetValue(batch) is { } b ? [b] : null);
            var catalog = HardwareOptions.Catalog(p.GetValue(hwFile));
            var chips = hwIds is null ? [] : catalog.GetMany(hwIds);
            var path = p.GetValue(output) ?? (specs.Length > 1 ? WorkbenchHtml.CompareOutput(spec, specs[1]) : DefaultOutput(spec));
            var options = new ShapeOptions(Dims: dimValues, InputShapes: inputShapes.Count > 0 ? inputShapes : null);
            var loaded = context.Loader(spec);
            foreach (var w in loaded.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {spec}: {w}");
            SweepResult? swept = null;
            if (sweepRaw is not null)
            {
                var (name, values) = SweepOption.Parse(sweepRaw);
                var estimator = chips.Count == 0 ? null : SweepOption.Estimator(context, spec, name, chips, plan, batches, default, engineSpec);
                swept = SweepOption.Run(context, spec, options, name, values, estimator, loaded);
                if (swept.Points.FirstOrDefault(x => x.Profile is not null) is { } first)
                    options = options with { Dims = new Dictionary<string, long>(dimValues, StringComparer.Ordinal) { [name] = first.Value } };
            }

            HtmlReportData data;
            if (doBench)
            {
                var original = AnalyzeCommand.Analyze(context, spec, options, loaded);
                var r = BenchCommand.Measure(context, spec, new BenchOptions(Runs: p.GetValue(runs), Warmup: p.GetValue(warmup), Threads: p.GetValue(threads), Dims: dimValues, InputShapes: BenchCommand.Shapes(inputShapes)));
                data = MeasuredHtml.Build(spec, r, r.OptimizedProfile ?? original, r.OptimizedProfile is not null, chips, plan, context.CommandLine, original);
            }
            else
            {
                data = Workbench(context, spec, loaded, options, chips, catalog, plan, batches, engineSpec);
                if (specs.Length > 1)
                {
                    var other = context.Loader(specs[1]);
                    foreach (var w in other.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {specs[1]}: {w}");
                    data = data with { Compare = Workbench(context, specs[1], other, options, chips, catalog, plan, batches, engineSpec) };
                }
            }
            if (swept is not null) data = data with { Sweep = HtmlSweep.From(swept) };
            HtmlExporter.Write(data, path);
            context.Error.WriteLine($"modelmeter: wrote {path}");
            return 0;
        });
        return cmd;
    }

    private static HtmlReportData Workbench(CliContext context, string spec, Model loaded, ShapeOptions options, IReadOnlyList<HardwareSpec> chips,
        HardwareCatalog catalog, PrecisionPlan? plan, IReadOnlyList<int> batches, Engines.EngineSpec? engine)
    {
        ModelProfile Analyze(ShapeOptions o) => AnalyzeCommand.Analyze(context, spec, o, loaded);
        var run = AnalyzeEstimates.Compute(loaded, options, chips, plan, batches, Analyze, engine: engine);
        return WorkbenchHtml.Build(run, chips, catalog, plan, options, Analyze, context.CommandLine);
    }

    /// <summary><c>NAME.report.html</c> in the current folder: the file name without extension, or the zoo name.</summary>
    internal static string DefaultOutput(string spec) =>
        (spec.StartsWith("zoo:", StringComparison.Ordinal) ? spec[4..] : Path.GetFileNameWithoutExtension(spec)) + ".report.html";
}

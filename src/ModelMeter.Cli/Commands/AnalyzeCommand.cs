using System.CommandLine;
using System.Runtime.ExceptionServices;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Reports;
using ModelMeter.Reports.Json;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter analyze [MODEL…]</c>: shapes, Params, MACs, FLOPs and memory access per node and in total.</summary>
internal static class AnalyzeCommand
{
    /// <summary>Output formats of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["table", "json", "csv", "md", "html"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var models = new Argument<string[]>("MODEL")
        {
            Description = $"ONNX file(s), folder(s) of .onnx files, or zoo:NAME ({string.Join(", ", Zoo.ModelZoo.Names)}; default {ModelSource.DefaultSpec})",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dims = new Option<string[]>("--dim") { Description = "Set symbolic dimensions: NAME=VALUE[,NAME=VALUE] (repeatable)" };
        var inputs = new Option<string[]>("--input") { Description = "Override an input shape: NAME=4x3x320x320 (repeatable)" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE (atomically) instead of stdout" };
        var hw = new Option<string?>("--hw") { Description = "Estimate latency on catalogued hardware: ID[,ID…] (see `modelmeter hw list`)" };
        var hwFile = HardwareOptions.HwFile();
        var precision = new Option<string?>("--precision") { Description = "What-if precision with --hw: fp32|tf32|fp16|bf16|fp8|int8|int4|w8a8|w4a16 (default: the model's own dtypes)" };
        var batch = new Option<string[]>("--batch") { Description = "Batch sizes with --hw: 1,8,32 (binds the first input's leading symbolic dim)" };
        var plot = new Option<string?>("--plot") { Description = "With --hw: also write the roofline chart as a static image (FILE.png or FILE.svg; further chips get FILE.ID.png); with --sweep: cost and latency against the swept dim" };
        var transfer = new Option<bool>("--transfer") { Description = "With --hw: add host↔device copy time (inputs in, outputs out per batch; weights once) over the chip's host link" };
        var sparsity = new Option<string?>("--sparsity") { Description = "With --hw: 2:4 uses the vendor's 2:4 structured-sparsity tensor peaks (dense otherwise)" };
        var powerLimit = new Option<double?>("--power-limit") { Description = "With --hw: charge energy at this power limit in W instead of the TDP" };
        var engine = HardwareOptions.Engine();
        var kernels = new Option<bool>("--kernels") { Description = "With --hw and --format csv: write the engine's kernels (and the nodes each holds) instead of the summary" };
        var sweep = new Option<string?>("--sweep") { Description = "One row per value of a symbolic dim: NAME=v1,v2,… or NAME=start:stop:step (with --hw: the latency on each chip at one batch size)" };
        var cmd = new Command("analyze", "Analyse a model: one row per node, totals, by-op-type rollup; with --hw, roofline estimates")
        {
            models, dims, inputs, format, output, hw, hwFile, precision, batch, plot, transfer, sparsity, powerLimit, engine, kernels, sweep,
        };
        var tableView = TableOptions.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var hwIds = parse.GetValue(hw);
            var plotPath = parse.GetValue(plot);
            if (plotPath is not null && hwIds is null && parse.GetValue(sweep) is null)
                throw ModelMeterException.Usage("--plot draws the roofline of a chip: add --hw ID (e.g. --hw t4)");
            if (plotPath is not null && Path.GetExtension(plotPath).ToLowerInvariant() is not (".png" or ".svg"))
                throw ModelMeterException.Usage($"--plot {plotPath}: use a .png or .svg file name");
            var engineSpec = HardwareOptions.ParseEngine(parse.GetValue(engine));
            var est = hwIds is null ? null : new EstimateRequest(hwIds, parse.GetValue(hwFile), parse.GetValue(precision), parse.GetValue(batch), plotPath)
            {
                Extras = new EstimateExtras(parse.GetValue(transfer), HardwareOptions.Sparsity(parse.GetValue(sparsity)), parse.GetValue(powerLimit)),
                Engine = engineSpec,
                Kernels = parse.GetValue(kernels),
            };
            if (est is null && (parse.GetValue(precision) is not null || parse.GetValue(batch) is { Length: > 0 } || parse.GetValue(transfer)
                || parse.GetValue(sparsity) is not null || parse.GetValue(powerLimit) is not null || engineSpec is not null || parse.GetValue(kernels)))
                throw ModelMeterException.Usage("--precision, --batch, --transfer, --sparsity, --power-limit, --engine and --kernels apply to the roofline estimate: add --hw ID (e.g. --hw t4)");
            var fmt = parse.GetValue(format) ?? "table";
            if (tableView.Given(parse) && (est is not null || fmt is "json" or "html" || parse.GetValue(sweep) is not null))
                throw ModelMeterException.Usage("--columns, --sort and --top shape the node table of `analyze` (formats table, csv, md; without --hw or --sweep)");
            if (parse.GetValue(sweep) is { } sw)
                return AnalyzeSweep.Run(context, parse.GetValue(models), parse.GetValue(dims), parse.GetValue(inputs), sw, fmt, parse.GetValue(output), est, plotPath);
            return Run(context,
                parse.GetValue(models) ?? [],
                OptionParsers.Dims(parse.GetValue(dims)),
                OptionParsers.Inputs(parse.GetValue(inputs)),
                fmt,
                parse.GetValue(output),
                est,
                t => tableView.Apply(parse, t));
        });
        return cmd;
    }

    /// <summary>The <c>--hw</c> options of <c>analyze</c>.</summary>
    internal sealed record EstimateRequest(string Hw, string[]? HwFiles, string? Precision, string[]? Batches, string? Plot)
    {
        public EstimateExtras Extras { get; init; }
        public Engines.EngineSpec? Engine { get; init; }
        public bool Kernels { get; init; }

        /// <summary>The <c>--precision</c> plan; null = each node's own precision.</summary>
        public Roofline.PrecisionPlan? Plan() => Precision is null ? null : Roofline.PrecisionPlan.Parse(Precision);

        /// <summary>The <c>--hw</c> chips (with <c>--hw-file</c> entries; their 2:4 sparse peaks with <c>--sparsity 2:4</c>).</summary>
        public IReadOnlyList<Hardware.HardwareSpec> Chips()
        {
            var chips = HardwareOptions.Catalog(HwFiles).GetMany(Hw);
            if (Extras.Sparse) chips = [.. chips.Select(c => c.WithSparsity())];
            if (chips.Count == 0) throw ModelMeterException.Usage("--hw: no hardware id given (see `modelmeter hw list`)");
            return chips;
        }
    }

    private static int Run(CliContext context, string[] specs, Dictionary<string, long> dims, Dictionary<string, Shape> inputs, string format, string? output, EstimateRequest? est, Func<ReportTable, ReportTable> nodeView)
    {
        if (specs.Length == 0)
        {
            context.Error.WriteLine($"no model given: analysing the built-in {ModelSource.DefaultSpec}; try `modelmeter analyze model.onnx`");
            specs = [ModelSource.DefaultSpec];
        }
        var options = new ShapeOptions(Dims: dims, InputShapes: inputs.Count > 0 ? inputs.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) : null);
        var expanded = ModelSource.Expand(specs);
        bool multi = expanded.Count > 1 || specs.Any(Directory.Exists);
        if (multi && format == "html") throw ModelMeterException.Usage("--format html reports one model at a time");
        if (est is not null)
        {
            if (multi) throw ModelMeterException.Usage("--hw estimates one model at a time");
            var plan = est.Plan();
            var batches = HardwareOptions.Batches(est.Batches);
            var chips = est.Chips();
            var spec = expanded[0];
            var model = context.Loader(spec);
            foreach (var warning in model.ReadWarnings) context.Error.WriteLine($"modelmeter: warning: {spec}: {DisplayText.Visible(warning)}");
            var run = AnalyzeEstimates.Compute(model, options, chips, plan, batches, o => Analyze(context, spec, o, model), est.Extras, est.Engine);
            run = run with { Kernels = est.Kernels };
            Emit(context, output, format, w => AnalyzeEstimates.Write(context, run, chips, format, w));
            if (est.Plot is { } plotPath)
            {
                var data = AnalyzeEstimates.Html(run, chips, context.CommandLine);
                for (int i = 0; i < chips.Count; i++)
                    RooflinePlot.Save(i == 0 ? plotPath : Path.ChangeExtension(plotPath, null) + "." + chips[i].Id + Path.GetExtension(plotPath), data, i);
            }
            return 0;
        }
        if (!multi)
        {
            var profile = Analyze(context, expanded[0], options);
            Emit(context, output, format, w => WriteSingle(context, profile, format, w, nodeView));
            return 0;
        }
        // models are independent: analyse them in parallel (bounded by the cores), keep results and warnings in input order
        var outcomes = new ModelOutcome[expanded.Count];
        var warnings = new List<string>[expanded.Count];
        var unexpected = new ExceptionDispatchInfo?[expanded.Count];
        Parallel.For(0, expanded.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(Environment.ProcessorCount, 8)) }, i =>
        {
            var spec = expanded[i];
            warnings[i] = [];
            try { outcomes[i] = new ModelOutcome(spec, Analyze(context, spec, options, warnings: warnings[i]), null); }
            catch (ModelMeterException e) { outcomes[i] = new ModelOutcome(spec, null, e); }
            catch (Exception e) when (e is not OutOfMemoryException) { unexpected[i] = ExceptionDispatchInfo.Capture(e); }
        });
        foreach (var w in warnings.SelectMany(x => x)) context.Error.WriteLine(w);
        foreach (var u in unexpected) u?.Throw();
        Emit(context, output, format, w => WriteMulti(context, outcomes, format, w));
        return outcomes.Where(o => o.Error is not null).Select(o => (int)o.Error!.Kind).DefaultIfEmpty(0).Max();
    }

    internal static ModelProfile Analyze(CliContext context, string spec, ShapeOptions options, Model? loaded = null, List<string>? warnings = null)
    {
        var model = loaded ?? context.Loader(spec);
        if (loaded is null)
            foreach (var w in model.ReadWarnings)
            {
                var line = $"modelmeter: warning: {spec}: {DisplayText.Visible(w)}";
                if (warnings is null) context.Error.WriteLine(line); else warnings.Add(line);
            }
        try
        {
            return Analyzer.Analyze(model, options);
        }
        catch (OverflowException e)
        {
            throw ModelMeterException.BadModel(spec, "a dimension product overflows 64 bits", e);
        }
        catch (ShapeException e)
        {
            throw ModelMeterException.BadModel(spec, e.Message, e);
        }
    }

    private static void WriteSingle(CliContext context, ModelProfile profile, string format, TextWriter w, Func<ReportTable, ReportTable> nodeView)
    {
        AnalysisReport Report() { var r = AnalysisReport.From(profile); return r.WithNodes(nodeView(r.Nodes)); }
        switch (format)
        {
            case "json": AnalysisJson.Write(w, AnalysisDocument.From(profile)); break;
            case "html": w.Write(HtmlExporter.Render(HtmlReportBuilder.FromProfile(profile, [], context.CommandLine))); break;
            case "csv": new CsvExporter().Export(Report(), w); break;
            case "md": new MarkdownExporter().Export(Report(), w); break;
            default: ConsoleExporter.Write(Report(), context.ConsoleFor(w)); break;
        }
    }

    private static void WriteMulti(CliContext context, IReadOnlyList<ModelOutcome> outcomes, string format, TextWriter w)
    {
        if (format == "json")
        {
            var docs = outcomes.Select(o => o.Profile is { } p
                ? (object)AnalysisDocument.From(p)
                : new ModelErrorDocument(o.Spec, o.Error!.Message, (int)o.Error.Kind)).ToList();
            AnalysisJson.Write(w, new ModelsDocument(docs));
            return;
        }
        var table = ModelsTable.Build(outcomes);
        switch (format)
        {
            case "csv": CsvExporter.Write(table, w); break;
            case "md": MarkdownExporter.WriteTable(table, w); break;
            default: ConsoleExporter.WriteTable(table, context.ConsoleFor(w)); break;
        }
    }

    /// <summary>
    /// Renders to stdout, or streams into a temporary file beside <paramref name="output"/> that is renamed over it when
    /// complete (nothing is left on failure).
    /// </summary>
    internal static void Emit(CliContext context, string? output, string format, Action<TextWriter> render)
    {
        if (output is null)
        {
            render(context.Out);
            return;
        }
        try
        {
            AtomicFile.Write(output, stream =>
            {
                using var w = new InvariantStreamWriter(stream);
                render(w);
            });
        }
        catch (IOException e)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{output}: cannot write {format} output: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{output}: cannot write {format} output: permission denied", e);
        }
    }

    /// <summary>UTF-8 (no BOM), <c>\n</c> line ends and invariant number formatting, like the in-memory text it replaces.</summary>
    private sealed class InvariantStreamWriter : StreamWriter
    {
        public InvariantStreamWriter(Stream stream) : base(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) => NewLine = "\n";

        public override IFormatProvider FormatProvider => System.Globalization.CultureInfo.InvariantCulture;
    }
}

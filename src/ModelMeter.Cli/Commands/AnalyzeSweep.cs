using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Reports;
using ModelMeter.Reports.Json;
using ModelMeter.Shapes;

namespace ModelMeter.Cli.Commands;

/// <summary><c>analyze MODEL --sweep NAME=…</c>: the model once per value of a symbolic dim (cli.md "Sweeps").</summary>
internal static class AnalyzeSweep
{
    /// <summary><c>--sweep NAME=…</c>: one row per value, with <c>--hw</c> the latency per chip, with <c>--plot</c> the chart.</summary>
    public static int Run(CliContext context, string[]? models, string[]? dimArgs, string[]? inputArgs, string raw, string format, string? output, AnalyzeCommand.EstimateRequest? est, string? plotPath)
    {
        if (format == "html") throw ModelMeterException.Usage("--sweep writes table, csv, md or json; for the HTML page run `modelmeter report MODEL --sweep …`");
        var (name, values) = SweepOption.Parse(raw);
        var specs = ModelSource.Expand(models is { Length: > 0 } m ? m : [ModelSource.DefaultSpec]);
        if (specs.Count != 1) throw ModelMeterException.Usage("--sweep analyses one model");
        var spec = specs[0];
        var opts = new ShapeOptions(Dims: OptionParsers.Dims(dimArgs), InputShapes: OptionParsers.Inputs(inputArgs) is { Count: > 0 } ins ? ins : null);
        var estimate = est is null ? null : SweepEstimates(context, spec, name, est);
        var result = SweepOption.Run(context, spec, opts, name, values, estimate);
        AnalyzeCommand.Emit(context, output, format, w => WriteSweep(context, result, format, w));
        if (plotPath is not null) SweepPlot.Save(plotPath, result);
        return SweepOption.ExitCode(result);
    }

    /// <summary>The estimate of one sweep value on every chip of <paramref name="est"/> (one batch size).</summary>
    private static Func<Model, ShapeOptions, (ModelProfile, IReadOnlyList<Roofline.Estimate>)> SweepEstimates(CliContext context, string spec, string name, AnalyzeCommand.EstimateRequest est)
    {
        var plan = est.Plan();
        return SweepOption.Estimator(context, spec, name, est.Chips(), plan, HardwareOptions.Batches(est.Batches), est.Extras, est.Engine);
    }

    private static void WriteSweep(CliContext context, SweepResult sweep, string format, TextWriter w)
    {
        if (format == "json")
        {
            var docs = sweep.Points.Select(p => p.Profile is { } profile
                ? (object)(AnalysisDocument.From(profile) with
                {
                    Sweep = new SweepSection(sweep.Dim, p.Value),
                    Estimates = p.Estimates.Count == 0 ? null : [.. p.Estimates.Select(e => (object)System.Text.Json.JsonSerializer.SerializeToElement(e, Roofline.EstimateJson.EstimateTypeInfo))],
                })
                : new ModelErrorDocument(sweep.Spec, p.Error!.Message, (int)p.Error.Kind) { Sweep = new SweepSection(sweep.Dim, p.Value) }).ToList();
            w.Write(AnalysisJson.Serialize(new ModelsDocument(docs)));
            return;
        }
        var table = SweepTable.Build(sweep);
        switch (format)
        {
            case "csv": CsvExporter.Write(table, w); break;
            case "md": MarkdownExporter.WriteTable(table, w); break;
            default: ConsoleExporter.WriteTable(table, context.ConsoleFor(w)); break;
        }
    }

}

using System.Globalization;
using System.Text.Json;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Reports.Json;
using ModelMeter.Roofline;
using ModelMeter.Shapes;
using Spectre.Console;

namespace ModelMeter.Cli.Commands;

/// <summary>The result of <c>analyze --hw</c>: the analysis at the first batch and one estimate per (chip, batch), chips outer.</summary>
/// <param name="Profile">The model analysed at the first batch size.</param>
/// <param name="Estimates">Estimates, chips outer and batches inner.</param>
/// <param name="BatchNote">How the batch sizes were applied (symbol bound and re-analysed, or fixed dim scaled).</param>
internal sealed record EstimateRun(ModelProfile Profile, IReadOnlyList<Estimate> Estimates, string BatchNote)
{
    /// <summary>The batch sizes estimated (the first is <see cref="Profile"/>'s).</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1];

    /// <summary>The symbol bound to each batch (the first input's leading dim); null when costs are scaled linearly instead.</summary>
    public string? BatchSymbol { get; init; }

    /// <summary>The batch the costs of <see cref="Profile"/> were counted at.</summary>
    public int CountedBatch { get; init; } = 1;

    /// <summary>CSV: write the kernel table instead of the summary (<c>--kernels</c>).</summary>
    public bool Kernels { get; init; }
}

/// <summary>The optional parts of <c>analyze --hw</c>: host↔device copies, 2:4 sparse peaks, a power limit for the energy.</summary>
/// <param name="Transfer"><c>--transfer</c>: fill <see cref="Estimate.TransferS"/> and <see cref="Estimate.WeightLoadS"/>.</param>
/// <param name="Sparse"><c>--sparsity 2:4</c>: the chips' sparse tensor peaks are used.</param>
/// <param name="PowerLimitW"><c>--power-limit</c>: energy at this limit instead of the TDP.</param>
internal readonly record struct EstimateExtras(bool Transfer, bool Sparse, double? PowerLimitW);

/// <summary><c>modelmeter analyze MODEL --hw …</c>: roofline estimates on catalogued chips at several batch sizes.</summary>
internal static class AnalyzeEstimates
{
    /// <summary>Analyses <paramref name="model"/> at each batch (binding the first input's leading symbolic dim, or scaling a fixed
    /// one) and estimates it on every chip.</summary>
    public static EstimateRun Compute(Model model, ShapeOptions options, IReadOnlyList<HardwareSpec> chips, PrecisionPlan? plan,
        IReadOnlyList<int> batches, Func<ShapeOptions, ModelProfile> analyze, EstimateExtras extras = default, Engines.EngineSpec? engine = null)
    {
        var io = new Dictionary<int, (long Input, long Output)?>();
        var first = model.Graph.RealInputs.FirstOrDefault();
        var shape = first is null ? null
            : options.InputShapes is { } shapes && shapes.TryGetValue(first.Name, out var s) ? s : first.Type.Shape;
        Dim lead = shape is { Rank: > 0 } ? shape[0] : Dim.Unknown;
        var symbols = lead.Symbols.ToList();
        var byBatch = new Dictionary<int, RooflineInput>();
        var profiles = new Dictionary<int, (ModelProfile Profile, int CountedAt)>();
        ModelProfile? firstProfile = null;
        string note;
        string? symbol = null;
        int countedAt;
        if (lead.IsSymbolic && symbols.Count == 1 && lead == Dim.Symbol(symbols[0]))
        {
            var sym = symbols[0];
            symbol = sym;
            var dims = options.Dims ?? new Dictionary<string, long>();
            if (batches.Count == 0) batches = [(int)Math.Clamp(dims.TryGetValue(sym, out var v) ? v : 1, 1, int.MaxValue)];
            foreach (var b in batches)
            {
                var bound = new Dictionary<string, long>(dims, StringComparer.Ordinal) { [sym] = b };
                var profile = analyze(options with { Dims = bound });
                firstProfile ??= profile;
                byBatch[b] = profile.ToRooflineInput(b);
                profiles[b] = (profile, b);
                io[b] = TransferModel.IoBytes(profile);
            }
            note = $"batch: input '{first!.Name}' dim 0 is the symbol '{sym}'; the model was re-analysed with {sym} = each batch size";
            countedAt = batches[0];
        }
        else
        {
            long counted = lead.TryValue is > 0 and <= int.MaxValue ? lead.Value : 1;
            firstProfile = analyze(options);
            var input = firstProfile.ToRooflineInput((int)counted);
            if (batches.Count == 0) batches = [(int)counted];
            countedAt = (int)counted;
            var counted1 = TransferModel.IoBytes(firstProfile);
            foreach (var b in batches)
            {
                byBatch[b] = input;
                profiles[b] = (firstProfile!, (int)counted);
                io[b] = counted1 is { } c ? (c.Input * b / counted, c.Output * b / counted) : null;
            }
            note = lead.IsKnown
                ? $"batch: input '{first!.Name}' has a fixed leading dim {counted}; costs are scaled linearly from batch {counted} (FLOPs and activations × batch / {counted}, weights once)"
                : $"batch: the first input has no symbolic leading dim; costs counted as batch 1 are scaled linearly (FLOPs and activations × batch, weights once)";
        }
        var estimates = new List<Estimate>();
        foreach (var hw in chips)
            foreach (var b in batches)
            {
                var e = RooflineEstimator.Estimate(byBatch[b], hw, new EstimateOptions(plan, b));
                e = e.WithForecast(profiles[b].Profile, hw, engine, new EstimateOptions(plan, b), profiles[b].CountedAt);
                e = e with { Notes = [note, .. e.Notes] };
                if (extras.Sparse) e = e with { Notes = [.. e.Notes, $"sparsity 2:4: {hw.Id}'s tensor peaks are the vendor's 2:4 structured-sparsity figures where it gives them (dense elsewhere)"] };
                if (extras.Transfer)
                    e = io[b] is { } bytes ? e.WithTransfer(hw, bytes.Input, bytes.Output)
                        : e with { Notes = [.. e.Notes, "transfer: an input or output shape is not fully known; no transfer time"] };
                estimates.Add(e.WithEnergy(hw, extras.PowerLimitW));
            }
        return new EstimateRun(firstProfile!, estimates, note) { Batches = batches, BatchSymbol = symbol, CountedBatch = countedAt };
    }

    /// <summary>The HTML report data of the run: each chip with its estimate at the first batch size; the batch note and the
    /// precision as notes.</summary>
    public static HtmlReportData Html(EstimateRun run, IReadOnlyList<HardwareSpec> chips, string command)
    {
        int perChip = run.Estimates.Count / Math.Max(1, chips.Count);
        var pairs = chips.Select((c, i) => (c, run.Estimates[i * perChip])).ToList();
        var data = HtmlReportBuilder.FromEstimates(run.Profile, pairs, command);
        var first = run.Estimates[0];
        string[] notes = [run.BatchNote, $"Predictions at batch {first.Batch}, " + (first.Precision == "model" ? "each node in the model's own precision" : $"precision {first.Precision} (what-if)") + (perChip > 1 ? $" (the first of {perChip} batch sizes)." : ".")];
        return data with { Notes = [.. data.Notes, .. notes, .. AllNotes(run).Where(n => n != run.BatchNote)] };
    }

    /// <summary>The distinct notes of every estimate in the run (the batch note, then each chip's fallbacks and scaling), in order:
    /// a fallback on the second chip must be shown as well as one on the first.</summary>
    public static IReadOnlyList<string> AllNotes(EstimateRun run)
        => [.. run.Estimates.SelectMany(e => e.Notes).Distinct(StringComparer.Ordinal)];

    /// <summary>Writes the run: JSON = the analysis contract plus <c>"estimates"</c>; CSV/MD = the summary rows;
    /// table = per-node estimate of the first chip and batch, the summary, and the throughput curve.</summary>
    public static void Write(CliContext context, EstimateRun run, IReadOnlyList<HardwareSpec> chips, string format, TextWriter w)
    {
        switch (format)
        {
            case "html":
                w.Write(HtmlExporter.Render(Html(run, chips, context.CommandLine)));
                break;
            case "json":
                var doc = AnalysisDocument.From(run.Profile) with
                {
                    Estimates = [.. run.Estimates.Select(e => (object)JsonSerializer.SerializeToElement(e, EstimateJson.EstimateTypeInfo))],
                };
                AnalysisJson.Write(w, doc);
                break;
            case "csv":
                // one table per CSV file: the summary, or with --kernels the engine's kernels of the first chip and batch
                TableOutput.Write(context, w, format, run.Kernels ? [.. KernelTables(run, int.MaxValue)] : [EstimateTables.Summary(run.Estimates)]);
                break;
            case "md":
                TableOutput.Write(context, w, format, [EstimateTables.Summary(run.Estimates), .. KernelTables(run, int.MaxValue)]);
                break;
            default:
                WriteConsole(context, run, w);
                break;
        }
    }

    /// <summary>The kernel table of the first estimate (chip and batch) that has a forecast.</summary>
    private static IEnumerable<ReportTable> KernelTables(EstimateRun run, int maxNodeNames)
        => run.Estimates.Take(1).Select(e => EstimateTables.Kernels(e, maxNodeNames)).OfType<ReportTable>();

    private static void WriteConsole(CliContext context, EstimateRun run, TextWriter w)
    {
        var console = context.ConsoleFor(w);
        var p = run.Profile;
        var inv = CultureInfo.InvariantCulture;
        console.Write(new Text(DisplayText.Visible($"{p.Model.Name} ({p.Model.Path}): {p.Totals.Params.ToString("N0", inv)} params, {p.Nodes.Count} nodes") + "\n", new Style(decoration: Decoration.Bold)));
        foreach (var n in AllNotes(run)) console.Write(new Text("note: " + DisplayText.Visible(n) + "\n", new Style(Color.Yellow)));
        console.WriteLine();
        TableOutput.Write(context, w, "table", [EstimateTables.Nodes(run.Estimates[0]), .. KernelTables(run, 3), EstimateTables.Summary(run.Estimates)]);
        var batches = run.Estimates.Select(e => e.Batch).Distinct().Count();
        if (batches < 2) return;
        TableOutput.Write(context, w, "table", EstimateTables.Curve(run.Estimates));
        foreach (var chip in run.Estimates.GroupBy(e => e.Hardware))
        {
            var chart = new BarChart { Width = 80, Label = $"{chip.Key}: inferences/s by batch" };
            foreach (var e in chip) chart.AddItem($"batch {e.Batch}", Math.Round(e.ThroughputPerS, 1), Color.Green);
            console.Write(chart);
            console.WriteLine();
        }
    }
}

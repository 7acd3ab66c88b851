using System.Globalization;
using ModelMeter.Hardware;
using ModelMeter.Llm;
using ModelMeter.Reports;
using ModelMeter.Roofline;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// The HTML report of <c>llm</c>: at the first batch size, the rows are the prefill of the prompt (names prefixed
/// <c>prefill/</c>) followed by one decode step at the mean context (<c>decode/</c>), each with its roofline point on the chip.
/// </summary>
internal static class LlmHtml
{
    /// <summary>Builds the report data from the stage estimates (<see cref="Commands.LlmCommand.StageEstimates"/>: prefill, decode per batch).</summary>
    public static HtmlReportData Build(HardwareSpec chip, LlmEstimate est, IReadOnlyList<(string Stage, Estimate Estimate)> stages, string command)
    {
        var b = est.Batches[0];
        var parts = new[] { ("prefill", b.Prefill), ("decode", b.Decode) }
            .Select((s, i) => (Prefix: s.Item1 + "/", Stage: s.Item2,
                Data: HtmlReportBuilder.FromEstimates(s.Item2.Stage.Profile, [(chip, stages[i].Estimate)], command)))
            .ToList();
        var nodes = parts.SelectMany(p => p.Data.Nodes.Select(n => n with { Name = p.Prefix + n.Name })).ToList();
        var points = parts.SelectMany(p => p.Data.Chips[0].Nodes.Select(n => n with { Name = p.Prefix + n.Name })).ToList();
        var byOp = parts.SelectMany(p => p.Data.ByOpType).GroupBy(o => o.OpType, StringComparer.Ordinal)
            .Select(g => g.Aggregate((x, y) => x with { Count = x.Count + y.Count, Flops = x.Flops + y.Flops, MemoryAccessBytes = x.MemoryAccessBytes + y.MemoryAccessBytes }))
            .ToList();
        var t = parts.Select(p => p.Data.Totals).ToList();
        var inv = CultureInfo.InvariantCulture;
        var w = est.Workload;
        var notes = new List<string>
        {
            $"Workload: batch {b.Batch}, prompt {w.Prompt} tokens, {w.Generate} generated; quantisation {est.Options.EffectiveQuant.Name}, tensor parallel {est.Options.Tp}{(est.Options.Flash ? ", fused (flash) attention" : "")}.",
            $"TTFT {Ms(b.TtftSeconds)}, TPOT {Ms(b.TpotSeconds)}, {b.TokensPerSecond.ToString("0.#", inv)} tokens/s ({b.TokensPerSecondPerUser.ToString("0.#", inv)} per user); " +
            $"memory {Gb(b.Memory.TotalBytes)} per chip ({(b.Memory.Fits ? "fits" : "does not fit")}).",
            "Rows: the prefill of the prompt (prefill/…), then one decode step at the mean context (decode/…). Totals add both stages; params are the model's." +
            (b.Prefill.CommSeconds + b.Decode.CommSeconds > 0 ? " Stage latencies also include the tensor-parallel all-reduces, which have no row." : ""),
        };
        notes.AddRange(Commands.LlmCommand.Notes(stages));
        return new HtmlReportData
        {
            Title = est.Config.Name,
            ModelPath = est.Config.Source,
            Producer = est.Config.ModelType,
            Totals = new HtmlTotals(est.Params.Total, t.Sum(x => x.Macs), t.Sum(x => x.Flops), t[0].WeightBytes, t.Max(x => x.PeakActivationBytes),
                t.Sum(x => x.MemoryAccessBytes), t.Sum(x => x.Nodes), t.Sum(x => x.UnknownNodes)),
            Nodes = nodes,
            ByOpType = byOp,
            Chips = [parts[0].Data.Chips[0] with { Nodes = points }],
            Diagnostics = parts.SelectMany(p => p.Data.Diagnostics).ToList(),
            Notes = notes,
            Command = command,
            ToolVersion = HtmlReportBuilder.ToolVersion,
        };
    }

    private static string Ms(double s) => (s * 1e3).ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    private static string Gb(long bytes) => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB";
}

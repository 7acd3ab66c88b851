using ModelMeter.Roofline;
using ModelMeter.Reports;

namespace ModelMeter.Cli.Reports;

/// <summary>Report tables of roofline estimates: per node, a summary per (chip, batch), and throughput against batch.</summary>
internal static class EstimateTables
{
    private static readonly ReportColumn[] s_nodeColumns =
    [
        new("name", "Node", UnitKind.Text, ""),
        new("op_type", "Op", UnitKind.Text, "") { HideWhenConstant = true },
        new("precision", "Precision", UnitKind.Text, "") { HideWhenConstant = true },
        new("flops", "FLOPs", UnitKind.Flops, "floating-point (or integer) operations of the node at this batch"),
        new("bytes", "Bytes", UnitKind.Bytes, "bytes read + written at this batch and precision (weights once per batch)"),
        new("intensity", "Intensity (FLOP/B)", UnitKind.Ratio, "arithmetic intensity = FLOPs / bytes"),
        new("attainable_flops_per_s", "Attainable FLOP/s", UnitKind.Flops, "min(peak, intensity × bandwidth), per second"),
        new("time_s", "Time", UnitKind.Seconds, "max(FLOPs / peak, bytes / bandwidth): a lower bound on the kernel's time"),
        new("bound", "Bound", UnitKind.Text, "") { HideWhenConstant = true },
    ];

    /// <summary>One row per node of <paramref name="e"/>, with a totals row.</summary>
    public static ReportTable Nodes(Estimate e)
    {
        var rows = e.Nodes.Select(n => new ReportRow(
        [
            ReportValue.Of(n.Name), ReportValue.Of(n.OpType), ReportValue.Of(n.Precision == ModelMeter.Costs.Precision.Int32 ? "int" : Lower(n.Precision)),
            ReportValue.Of((double?)n.Flops), ReportValue.Of((double?)n.Bytes), ReportValue.Of(Round(n.Intensity)),
            ReportValue.Of((double?)n.AttainableFlopsPerS), ReportValue.Of((double?)n.TimeS), ReportValue.Of(Lower(n.Bound)),
        ])).ToList();
        var totals = new ReportRow(
        [
            ReportValue.Of("Total"), ReportValue.Of(""), ReportValue.Of(""),
            ReportValue.Of((double?)e.TotalFlops), ReportValue.Of((double?)e.TotalBytes),
            ReportValue.Of(Round(e.TotalBytes > 0 ? e.TotalFlops / e.TotalBytes : null)),
            ReportValue.Of(e.LatencyS > 0 ? e.TotalFlops / e.LatencyS : null), ReportValue.Of((double?)e.LatencyS),
            ReportValue.Of($"{e.MemoryBoundFraction * 100:0.#}% memory"),
        ]);
        return new ReportTable($"Roofline per node: {e.Hardware}, precision {e.Precision}, batch {e.Batch}", s_nodeColumns, rows, totals);
    }

    /// <summary>One row per estimate: latency, throughput, memory-bound share, share of peak, memory fit.</summary>
    public static ReportTable Summary(IReadOnlyList<Estimate> estimates)
    {
        var columns = new ReportColumn[]
        {
            new("hardware", "Hardware", UnitKind.Text, "") { HideWhenConstant = true },
            new("precision", "Precision", UnitKind.Text, "") { HideWhenConstant = true },
            new("batch", "Batch", UnitKind.Count, "") { FixedUnit = true, HideWhenConstant = true },
            new("latency_s", "Latency", UnitKind.Seconds, "estimated time of one forward pass of the whole batch (sum of node times)"),
            new("throughput_per_s", "Throughput (inf/s)", UnitKind.Ratio, "inferences per second = batch / latency"),
            new("memory_bound_pct", "Mem-bound (%)", UnitKind.Ratio, "share of the latency spent in memory-bound nodes"),
            new("share_of_peak_pct", "Of peak (%)", UnitKind.Ratio, "total FLOPs / latency / the peak applied to most FLOPs"),
            new("memory_bytes", "Weights+act", UnitKind.Bytes, "weights + peak live activations at this batch and precision"),
            new("fits_in_memory", "Fits", UnitKind.Text, ""),
            new("max_batch", "Max batch", UnitKind.Count, "largest batch whose weights + activations fit the chip's memory") { FixedUnit = true },
        };
        var rows = estimates.Select(e => new ReportRow(
        [
            ReportValue.Of(e.Hardware), ReportValue.Of(e.Precision), ReportValue.Of((long?)e.Batch),
            ReportValue.Of((double?)e.LatencyS), ReportValue.Of((double?)Math.Round(e.ThroughputPerS, 1)),
            ReportValue.Of((double?)Math.Round(e.MemoryBoundFraction * 100, 1)), ReportValue.Of((double?)Math.Round(e.ShareOfPeak * 100, 1)),
            ReportValue.Of((double?)e.Memory.TotalBytes), ReportValue.Of(YesNo(e.FitsInMemory)), ReportValue.Of(e.Memory.MaxBatch),
        ])).ToList();
        var title = estimates.Any(e => e.Calibrated)
            ? "Roofline estimate (calibrated: measured efficiencies and per-kernel overhead from the hardware entry)"
            : "Roofline estimate (a lower bound on time: datasheet peaks, no launch overhead)";
        return new ReportTable(title, columns, rows);
    }

    /// <summary>Throughput (inferences/s) per batch size, one column per chip.</summary>
    public static ReportTable Curve(IReadOnlyList<Estimate> estimates)
    {
        var chips = estimates.Select(e => e.Hardware).Distinct().ToList();
        var batches = estimates.Select(e => e.Batch).Distinct().ToList();
        var columns = new List<ReportColumn> { new("batch", "Batch", UnitKind.Count, "") { FixedUnit = true } };
        columns.AddRange(chips.Select(c => new ReportColumn(c + "_throughput_per_s", $"{c} (inf/s)", UnitKind.Ratio, "")));
        var rows = batches.Select(b => new ReportRow(
        [
            ReportValue.Of((long?)b),
            .. chips.Select(c => ReportValue.Of(estimates.FirstOrDefault(e => e.Hardware == c && e.Batch == b) is { } e ? Math.Round(e.ThroughputPerS, 1) : null)),
        ])).ToList();
        return new ReportTable("Throughput against batch size (inferences per second)", columns, rows);
    }

    /// <summary>"yes", "no", or "?" when the chip's memory size is unknown.</summary>
    public static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "?" };

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 2) : null;
}

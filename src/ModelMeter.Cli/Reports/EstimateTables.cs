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
            ReportValue.Of(NodeLatency(e) > 0 ? e.TotalFlops / NodeLatency(e) : null), ReportValue.Of((double?)NodeLatency(e)),
            ReportValue.Of($"{e.MemoryBoundFraction * 100:0.#}% memory"),
        ]);
        return new ReportTable($"Roofline per node: {e.Hardware}, precision {e.Precision}, batch {e.Batch}", s_nodeColumns, rows, totals);
    }

    /// <summary>One row per estimate: latency, throughput, memory-bound share, share of peak, memory fit.</summary>
    public static ReportTable Summary(IReadOnlyList<Estimate> estimates)
    {
        var columns = new List<ReportColumn>
        {
            new("hardware", "Hardware", UnitKind.Text, "") { HideWhenConstant = true },
            new("precision", "Precision", UnitKind.Text, "") { HideWhenConstant = true },
            new("batch", "Batch", UnitKind.Count, "") { FixedUnit = true, HideWhenConstant = true },
            new("latency_s", "Latency", UnitKind.Seconds, "the engine's prediction with --engine; without it the node-by-node roofline of the exporter's graph"),
            new("throughput_per_s", "Throughput (inf/s)", UnitKind.Ratio, "inferences per second = batch / latency"),
            new("engine", "Engine", UnitKind.Text, "") { HideWhenConstant = true },
            new("bound_latency_s", "Bound", UnitKind.Seconds, "fused roofline of the engine's kernels at datasheet peaks: a lower bound on the time of one batch"),
            new("predicted_latency_s", "Predicted", UnitKind.Seconds, "what the engine is predicted to measure for one batch (achievable peaks, waves, L2, launch overheads)"),
            new("memory_bound_pct", "Mem-bound (%)", UnitKind.Ratio, "share of the latency spent in memory-bound nodes"),
            new("share_of_peak_pct", "Of peak (%)", UnitKind.Ratio, "total FLOPs / latency / the peak applied to most FLOPs"),
            new("memory_bytes", "Weights+act", UnitKind.Bytes, "weights + peak live activations at this batch and precision"),
            new("fits_in_memory", "Fits", UnitKind.Text, ""),
            new("max_batch", "Max batch", UnitKind.Count, "largest batch whose weights + activations fit the chip's memory") { FixedUnit = true },
            new("energy_per_inference_j", "Energy/inf (J)", UnitKind.Ratio, "upper bound of the energy per inference = latency × power limit (TDP) / batch, joules"),
            new("inferences_per_j", "Inf/J", UnitKind.Ratio, "lower bound of inferences per joule = batch / (latency × power limit)"),
        };
        bool transfer = estimates.Any(e => e.TransferS is not null);
        if (transfer)
        {
            columns.Add(new("transfer_s", "Transfer", UnitKind.Seconds, "host↔device copies of one batch's inputs and outputs over the host link (not in the latency)"));
            columns.Add(new("weight_load_s", "Weight load", UnitKind.Seconds, "one-off copy of the weights to the device over the host link"));
        }
        var rows = estimates.Select(e => new ReportRow(
        [
            ReportValue.Of(e.Hardware), ReportValue.Of(e.Precision), ReportValue.Of((long?)e.Batch),
            ReportValue.Of((double?)e.LatencyS), ReportValue.Of((double?)Math.Round(e.ThroughputPerS, 1)),
            ReportValue.Of(e.Engine is null ? "" : e.Engine + (e.EngineAssumed ? " (default)" : "")), ReportValue.Of(e.BoundLatencyS), ReportValue.Of(e.PredictedLatencyS),
            ReportValue.Of((double?)Math.Round(e.MemoryBoundFraction * 100, 1)), ReportValue.Of((double?)Math.Round(e.ShareOfPeak * 100, 1)),
            ReportValue.Of((double?)e.Memory.TotalBytes), ReportValue.Of(YesNo(e.FitsInMemory)), ReportValue.Of(e.Memory.MaxBatch),
            ReportValue.Of(Sig(e.EnergyPerInferenceJ)), ReportValue.Of(Sig(e.InferencesPerJoule)),
            .. transfer ? new[] { ReportValue.Of(e.TransferS), ReportValue.Of(e.WeightLoadS) } : [],
        ])).ToList();
        var title = estimates.Any(e => e.Calibrated)
            ? "Estimate (node roofline calibrated: measured efficiencies and per-kernel overhead from the hardware entry)"
            : "Estimate: fused bound and engine prediction beside the node-by-node roofline";
        return new ReportTable(title, columns, rows);
    }

    /// <summary>Three significant digits (energies span µJ to kJ).</summary>
    private static double? Sig(double? v)
        => v is { } d && d != 0 && double.IsFinite(d) ? Math.Round(d, Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(d))), 0, 15)) : v;

    private static readonly ReportColumn[] s_kernelColumns =
    [
        new("kernel", "Kernel", UnitKind.Text, "the anchor node the engine's kernel is named after"),
        new("kind", "Kind", UnitKind.Text, ""),
        new("nodes", "Nodes", UnitKind.Text, "the original graph nodes the kernel holds"),
        new("flops", "FLOPs", UnitKind.Flops, "FLOPs of the kernel at this batch"),
        new("bytes", "Bytes", UnitKind.Bytes, "external inputs + outputs only (fused intermediates never reach DRAM)"),
        new("bound_s", "Bound", UnitKind.Seconds, "max(FLOPs / peak, DRAM bytes / bandwidth) at datasheet figures"),
        new("predicted_s", "Predicted", UnitKind.Seconds, "achievable peak × waves, L2 reads, launch gap"),
        new("limit", "Limit", UnitKind.Text, "") { HideWhenConstant = true },
    ];

    /// <summary>One row per kernel of the engine's forecast (null when the estimate has none), with a totals row.</summary>
    public static ReportTable? Kernels(Estimate e, int maxNodeNames = 4)
    {
        if (e.Forecast is not { } f) return null;
        var rows = f.Kernels.Select(k => new ReportRow(
        [
            ReportValue.Of(k.Name), ReportValue.Of(Lower(k.Kind)),
            ReportValue.Of(k.Nodes.Count <= maxNodeNames ? string.Join(", ", k.Nodes) : string.Join(", ", k.Nodes.Take(maxNodeNames)) + $" … (+{k.Nodes.Count - maxNodeNames})"),
            ReportValue.Of((double?)k.Flops), ReportValue.Of((double?)k.Bytes), ReportValue.Of((double?)k.BoundS), ReportValue.Of((double?)k.PredictedS),
            ReportValue.Of(Lower(k.Bound)),
        ])).ToList();
        var totals = new ReportRow(
        [
            ReportValue.Of("Total"), ReportValue.Of($"{f.Kernels.Count} kernels"), ReportValue.Of($"{f.FoldedNodes} nodes run no kernel"),
            ReportValue.Of((double?)f.Kernels.Sum(k => k.Flops)), ReportValue.Of((double?)f.Kernels.Sum(k => k.Bytes)),
            ReportValue.Of((double?)f.BoundLatencyS), ReportValue.Of((double?)f.PredictedLatencyS), ReportValue.Of(""),
        ]);
        var extra = f.HostS > f.DeviceS ? $"; host-bound: dispatch {f.HostS * 1e3:0.###} ms > device {f.DeviceS * 1e3:0.###} ms" : "";
        return new ReportTable($"Kernels under {f.Engine}: {e.Hardware}, precision {e.Precision}, batch {e.Batch}{extra}", s_kernelColumns, rows, totals);
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

    /// <summary>The node-by-node roofline time (the latency without an engine).</summary>
    private static double NodeLatency(Estimate e) => e.NodeRooflineLatencyS ?? e.LatencyS;

    /// <summary>"yes", "no", or "?" when the chip's memory size is unknown.</summary>
    public static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "?" };

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 2) : null;
}

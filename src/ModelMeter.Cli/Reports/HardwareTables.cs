using System.Globalization;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Reports;

namespace ModelMeter.Cli.Reports;

/// <summary>Report tables of the hardware catalog: the list, and one entry's fields (one chip or several side by side).</summary>
internal static class HardwareTables
{
    private static readonly Precision[] s_peakOrder =
        [Precision.Fp64, Precision.Fp32, Precision.Tf32, Precision.Fp16, Precision.Bf16, Precision.Fp8, Precision.Fp6, Precision.Fp4, Precision.Int8, Precision.Int4];

    /// <summary><c>hw list</c>: id, name, key peaks, bandwidth, memory, ridge points.</summary>
    public static ReportTable List(IReadOnlyList<HardwareSpec> entries)
    {
        ReportColumn Num(string id, string header, string legend) => new(id, header, UnitKind.Ratio, legend);
        var columns = new List<ReportColumn>
        {
            new("id", "Id", UnitKind.Text, ""),
            new("name", "Name", UnitKind.Text, ""),
            new("kind", "Kind", UnitKind.Text, ""),
            Num("fp32_tflops", "FP32 (TFLOPS)", "dense FP32 peak (vector/CUDA cores), 10^12 FLOP/s"),
            Num("fp16_tflops", "FP16 (TFLOPS)", "dense FP16 peak (tensor/matrix units where the chip has them), 10^12 FLOP/s"),
            Num("int8_tops", "INT8 (TOPS)", "dense INT8 peak, 10^12 OP/s"),
            Num("bandwidth_gbps", "Bandwidth (GB/s)", "peak memory bandwidth, 10^9 B/s"),
            Num("memory_gb", "Memory (GB)", "memory size, 10^9 B"),
            Num("ridge_fp32", "Ridge FP32 (FLOP/B)", "ridge point = FP32 peak / bandwidth: kernels of higher arithmetic intensity are compute-bound"),
            Num("ridge_fp16", "Ridge FP16 (FLOP/B)", "ridge point = FP16 peak / bandwidth; ? = the chip has no published figure"),
        };
        var rows = entries.Select(h => new ReportRow(
        [
            ReportValue.Of(h.Id), ReportValue.Of(h.Name), ReportValue.Of(h.Kind.ToString().ToLowerInvariant()),
            ReportValue.Of(h.Peak(Precision.Fp32)), ReportValue.Of(h.Peak(Precision.Fp16)), ReportValue.Of(h.Peak(Precision.Int8)),
            ReportValue.Of((double?)h.MemoryBandwidthGbps), ReportValue.Of(h.MemoryGb),
            ReportValue.Of(Round(h.RidgePoint(Precision.Fp32))), ReportValue.Of(Round(h.RidgePoint(Precision.Fp16))),
        ])).ToList();
        return new ReportTable($"Hardware catalog ({entries.Count} entries; dense datasheet peaks)", columns, rows);
    }

    /// <summary><c>hw show</c> / <c>hw compare</c>: one row per field, one column per chip. Notes are listed only for a single chip.</summary>
    public static ReportTable Fields(IReadOnlyList<HardwareSpec> chips)
    {
        bool withNotes = chips.Count == 1;
        var perChip = chips.Select(c => FieldsOf(c, withNotes)).ToList();
        var names = new List<string>();
        foreach (var f in perChip.SelectMany(p => p))
            if (!names.Contains(f.Key)) names.Add(f.Key);
        var columns = new List<ReportColumn> { new("field", "Field", UnitKind.Text, "") };
        columns.AddRange(chips.Select(c => new ReportColumn(c.Id, c.Id, UnitKind.Text, "")));
        var rows = names.Select(n => new ReportRow(
            [ReportValue.Of(n), .. perChip.Select(p => ReportValue.Of(p.FirstOrDefault(kv => kv.Key == n).Value ?? "–"))])).ToList();
        var title = chips.Count == 1 ? $"{chips[0].Name} ({chips[0].Id})" : $"Hardware compared: {string.Join(", ", chips.Select(c => c.Id))}";
        return new ReportTable(title, columns, rows);
    }

    /// <summary>Every field of an entry as label and display text (units written out).</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(HardwareSpec h, bool withNotes = true)
    {
        var f = new List<KeyValuePair<string, string>>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) f.Add(new(k, v)); }
        Add("Name", h.Name);
        Add("Vendor", h.Vendor);
        Add("Kind", h.Kind.ToString().ToLowerInvariant());
        Add("Year", h.Year?.ToString(CultureInfo.InvariantCulture));
        Add("Architecture", h.Architecture);
        Add("SM / CU count", h.SmCount is { } sm ? $"{sm} {UnitName(h)}" : null);
        foreach (var p in s_peakOrder)
        {
            var units = p is Precision.Fp64 or Precision.Fp32 ? "vector" : "tensor/matrix";
            Add($"Peak {Label(p)} ({units})", h.Peak(p) is { } v ? $"{Num(v)} {RateUnit(p)}" : null);
            Add($"Peak {Label(p)} (matrix)", h.MatrixTflops.TryGetValue(p, out var m) ? $"{Num(m)} {RateUnit(p)}" : null);
            Add($"Peak {Label(p)} (2:4 sparse, --sparsity 2:4)", h.SparseTflops.TryGetValue(p, out var sp) ? $"{Num(sp)} {RateUnit(p)}" : null);
            Add($"Peak {Label(p)} (FP16 accumulate)", h.Fp16AccumulateTflops.TryGetValue(p, out var a16) ? $"{Num(a16)} {RateUnit(p)}" : null);
            if (h.Peak(p) is null && p is not (Precision.Fp64 or Precision.Fp32)) Add($"Peak {Label(p)}", Lacks(h, p));
        }
        Add("Peak FP16 (vector)", h.VectorFp16Tflops is { } vf ? $"{Num(vf)} TFLOPS" : null);
        Add("Compute units", h.ComputeUnits);
        Add("Clock", h.Clock);
        Add("Memory", h.MemoryGb is { } gb ? $"{Num(gb)} GB {h.MemoryType}".TrimEnd() : h.MemoryType);
        Add("Memory bytes", h.MemoryBytes is { } mbytes ? $"{mbytes.ToString("N0", CultureInfo.InvariantCulture)} B physical"
            + (h.MemoryUsableBytes is { } ub ? $"; {ub.ToString("N0", CultureInfo.InvariantCulture)} B usable" : "") : null);
        Add("Memory bandwidth", $"{Num(h.MemoryBandwidthGbps)} GB/s");
        Add("On-chip memory", h.OnChip ?? (h.OnChipMb is { } mb ? $"{Num(mb)} MB" : null));
        Add("Interconnect", h.Interconnect.Text);
        Add("PCIe", h.Interconnect.PcieGbps is { } pg ? $"{(h.Interconnect.PcieGen is { } g ? $"Gen{g} " : "")}{(h.Interconnect.PcieLanes is { } l ? $"x{l}" : "")}: {Num(pg)} GB/s".TrimStart() : null);
        Add("NVLink", h.Interconnect.NvlinkGbps is { } nv ? $"{Num(nv)} GB/s" : null);
        Add("Other link", h.Interconnect.OtherGbps is { } og ? $"{Num(og)} GB/s" : null);
        Add("Host link", h.Interconnect.HostLink);
        Add("Host↔device per direction", h.Interconnect.HostTheoreticalPerDirection is { } ht
            ? $"{Num(Math.Round(ht, 2))} GB/s theoretical, {Num(Math.Round(h.Interconnect.HostTypicalPerDirection ?? ht, 2))} GB/s typical achieved" : null);
        Add("Device link", h.Interconnect.DeviceLink is { } dl ? dl + (h.Interconnect.DeviceGbpsPerDirection is { } dg ? $": {Num(dg)} GB/s each way" : "") : null);
        Add("Power", h.Tdp ?? (h.TdpW is { } w ? $"{Num(w)} W" : null));
        Add("Power limit range", h.PowerMinW is { } pm && h.TdpW is { } pmax ? $"{Num(pm)}–{Num(pmax)} W" : null);
        foreach (var p in s_peakOrder)
            Add($"Ridge point {Label(p)}", h.RidgePoint(p) is { } r ? $"{Num(Math.Round(r, 1))} FLOP/byte" : null);
        Add("Source", h.SourceId is null ? h.Source : $"{h.SourceId}: {h.Source}");
        Add("Origin", h.Origin);
        Add("Calibration", h.Calibration is { } c ? c.Source ?? "yes" : null);
        if (withNotes)
            for (int i = 0; i < h.Notes.Count; i++) Add($"Note {i + 1}", h.Notes[i]);
        return f;
    }

    /// <summary>"none: falls back to FP8 (1979 TFLOPS)": what an estimate at <paramref name="p"/> uses on a chip without it.</summary>
    private static string Lacks(HardwareSpec h, Precision p)
    {
        foreach (var f in Roofline.PeakRules.FallbackChain(p).Skip(1))
            if (Roofline.PeakRules.Tensor(h, f) is { } v)
                return $"none: falls back to {Label(f)} ({Num(v)} {RateUnit(f)})";
        return "none: no fallback";
    }

    /// <summary><c>hw compare</c>: each chip's key figures as a ratio to the first chip's (× first; – where either lacks it).</summary>
    public static ReportTable Ratios(IReadOnlyList<HardwareSpec> chips)
    {
        var first = chips[0];
        var metrics = new List<(string Name, Func<HardwareSpec, double?> Get)>();
        foreach (var p in s_peakOrder) metrics.Add(($"Peak {Label(p)}", h => h.Peak(p)));
        metrics.Add(("Memory bandwidth", h => h.MemoryBandwidthGbps));
        metrics.Add(("Memory (usable bytes)", h => h.UsableMemoryBytes));
        metrics.Add(("Host link per direction", h => h.Interconnect.HostTypicalPerDirection));
        metrics.Add(("Device link per direction", h => h.Interconnect.DeviceGbpsPerDirection));
        metrics.Add(("TDP", h => h.TdpW));
        var columns = new List<ReportColumn> { new("field", "Field", UnitKind.Text, "") };
        columns.AddRange(chips.Select(c => new ReportColumn(c.Id, c.Id, UnitKind.Text, $"{c.Id} / {first.Id}")));
        var rows = metrics
            .Where(m => chips.Any(c => m.Get(c) is not null))
            .Select(m => new ReportRow([ReportValue.Of(m.Name), .. chips.Select(c =>
                ReportValue.Of(m.Get(c) is { } v && m.Get(first) is { } f && f > 0 ? $"{(v / f).ToString("0.00", CultureInfo.InvariantCulture)}×" : "–"))]))
            .ToList();
        return new ReportTable($"Ratios to {first.Id} (× {first.Id})", columns, rows);
    }

    /// <summary>What <see cref="HardwareSpec.SmCount"/> counts on this kind of chip.</summary>
    private static string UnitName(HardwareSpec h) => h.Kind switch
    {
        HardwareKind.Cpu => "cores",
        HardwareKind.Tpu => "TensorCores",
        _ when string.Equals(h.Vendor, "AMD", StringComparison.OrdinalIgnoreCase) => "CUs",
        _ when string.Equals(h.Vendor, "NVIDIA", StringComparison.OrdinalIgnoreCase) => "SMs",
        _ => "cores",
    };

    /// <summary>Upper-case precision label (FP16, INT8).</summary>
    public static string Label(Precision p) => p.ToString().ToUpperInvariant();

    /// <summary>TOPS for integer precisions, TFLOPS for floating point.</summary>
    public static string RateUnit(Precision p) => p is Precision.Int8 or Precision.Int4 or Precision.Int32 ? "TOPS" : "TFLOPS";

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 1) : null;
}

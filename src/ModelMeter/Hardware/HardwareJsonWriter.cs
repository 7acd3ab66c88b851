using System.Text;
using System.Text.Json;
using ModelMeter.Costs;

namespace ModelMeter.Hardware;

/// <summary>Writes hardware entries in the hardware.json schema (what <see cref="HardwareCatalog.Parse"/> reads back), e.g. to
/// save a calibrated copy of an entry as a <c>--hw-file</c>.</summary>
public static class HardwareJsonWriter
{
    /// <summary>Serialises entries as a JSON array.</summary>
    public static string Serialize(IEnumerable<HardwareSpec> entries)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var e in entries) Write(w, e);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes one entry as a JSON object.</summary>
    public static void Write(Utf8JsonWriter w, HardwareSpec h)
    {
        w.WriteStartObject();
        w.WriteString("id", h.Id);
        w.WriteString("name", h.Name);
        Str(w, "source_row", h.SourceRow);
        w.WriteString("vendor", h.Vendor);
        w.WriteString("kind", h.Kind.ToString().ToLowerInvariant());
        Peaks(w, "peak_tflops", h.PeakTflops);
        if (h.SparseTflops.Count > 0) Peaks(w, "sparse_tflops", h.SparseTflops);
        if (h.Fp16AccumulateTflops.Count > 0) Peaks(w, "fp16_accumulate_tflops", h.Fp16AccumulateTflops);
        if (h.MatrixTflops.Count > 0) Peaks(w, "matrix_tflops", h.MatrixTflops);
        Num(w, "vector_fp16_tflops", h.VectorFp16Tflops);
        Str(w, "compute_units", h.ComputeUnits);
        Num(w, "sm_count", h.SmCount);
        Str(w, "architecture", h.Architecture);
        Str(w, "clock", h.Clock);
        Str(w, "memory_type", h.MemoryType);
        Num(w, "memory_gb", h.MemoryGb);
        Num(w, "memory_bytes", h.MemoryBytes);
        Num(w, "memory_usable_bytes", h.MemoryUsableBytes);
        w.WriteNumber("memory_bandwidth_gbps", h.MemoryBandwidthGbps);
        Num(w, "on_chip_mb", h.OnChipMb);
        Str(w, "on_chip", h.OnChip);
        w.WriteStartObject("interconnect");
        w.WriteString("text", h.Interconnect.Text);
        Num(w, "pcie_gen", h.Interconnect.PcieGen);
        Num(w, "pcie_lanes", h.Interconnect.PcieLanes);
        Num(w, "pcie_gbps", h.Interconnect.PcieGbps);
        Num(w, "nvlink_gbps", h.Interconnect.NvlinkGbps);
        Num(w, "other_gbps", h.Interconnect.OtherGbps);
        Str(w, "host_link", h.Interconnect.HostLink);
        Num(w, "host_gbps_per_direction", h.Interconnect.HostGbpsPerDirection);
        Num(w, "host_achieved_gbps_per_direction", h.Interconnect.HostAchievedGbpsPerDirection);
        Str(w, "device_link", h.Interconnect.DeviceLink);
        w.WriteEndObject();
        Num(w, "tdp_w", h.TdpW);
        Num(w, "power_min_w", h.PowerMinW);
        Str(w, "tdp", h.Tdp);
        Num(w, "year", h.Year);
        Str(w, "source_id", h.SourceId);
        Str(w, "source", h.Source);
        if (h.FieldSources.Count > 0)
        {
            w.WriteStartObject("field_sources");
            foreach (var (k, v) in h.FieldSources) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteStartArray("notes");
        foreach (var n in h.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        if (h.Calibration is { } c)
        {
            w.WriteStartObject("calibration");
            Str(w, "source", c.Source);
            if (c.Default is { } d) Factors(w, "default", d);
            w.WriteStartObject("op_classes");
            foreach (var (cls, f) in c.OpClasses.OrderBy(p => p.Key)) Factors(w, HardwareReader.SnakeName(cls), f);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    static void Peaks(Utf8JsonWriter w, string name, IReadOnlyDictionary<Precision, double> peaks)
    {
        w.WriteStartObject(name);
        foreach (var (key, p) in HardwareReader.PeakKeys)
            if (peaks.TryGetValue(p, out var v)) w.WriteNumber(key, v);
        w.WriteEndObject();
    }

    static void Factors(Utf8JsonWriter w, string name, CalibrationFactors f)
    {
        w.WriteStartObject(name);
        w.WriteNumber("compute_efficiency", f.ComputeEfficiency);
        w.WriteNumber("bandwidth_efficiency", f.BandwidthEfficiency);
        w.WriteNumber("overhead_s", f.OverheadS);
        w.WriteEndObject();
    }

    static void Str(Utf8JsonWriter w, string name, string? v) { if (v is not null) w.WriteString(name, v); }
    static void Num(Utf8JsonWriter w, string name, double? v) { if (v is { } x) w.WriteNumber(name, x); }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Runtime;

/// <summary>Writes probe results and calibrations as hardware JSON in the catalog's schema (src/ModelMeter/Hardware/hardware.json),
/// readable with <see cref="HardwareCatalog.LoadFile"/> and <c>--hw-file</c>.</summary>
public static class HardwareJson
{
    static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>A catalog entry for this machine: <c>peak_tflops.fp32</c> = the all-threads FMA peak (vector units),
    /// <c>matrix_tflops.fp32</c> = ONNX Runtime's measured GEMM rate (what Conv/Gemm reach), bandwidth = triad.</summary>
    public static JsonObject Entry(ProbeResult p, string id = "local")
    {
        var notes = new JsonArray(
            $"Measured by `modelmeter hw probe` on {p.Threads} thread(s) with {p.Isa}: FMA peak {p.FmaFlopsPerS / 1e9:F1} GFLOP/s " +
            $"({p.FmaFlopsPerSSingle / 1e9:F1} on one thread), ONNX Runtime MatMul {p.GemmSize}² {p.GemmFlopsPerS / 1e9:F1} GFLOP/s.",
            $"Bandwidth (STREAM counting): read {p.ReadBytesPerS / 1e9:F1} GB/s, copy {p.CopyBytesPerS / 1e9:F1} GB/s, triad {p.TriadBytesPerS / 1e9:F1} GB/s; the triad figure is used.");
        if (p.TheoreticalFlopsPerS is { } th)
            notes.Add($"Theoretical FP32 FMA peak {th / 1e9:F1} GFLOP/s ({p.Threads} cores × {p.FmaPipesAssumed} FMA pipes (assumed) × {ProbeLanes(p)} lanes × 2 × {p.ClockMhz:F0} MHz); the FMA kernel reached {p.FmaFlopsPerS / th:P0}.");
        var o = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"{p.CpuModel} ({p.Threads} threads, measured)",
            ["vendor"] = p.CpuModel.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "",
            ["kind"] = "cpu",
            ["peak_tflops"] = new JsonObject { ["fp32"] = Round(p.FmaFlopsPerS / 1e12) },
            ["matrix_tflops"] = new JsonObject { ["fp32"] = Round(p.GemmFlopsPerS / 1e12) },
            ["memory_bandwidth_gbps"] = Round(p.TriadBytesPerS / 1e9),
        };
        if (p.ClockMhz is { } mhz) o["clock"] = mhz.ToString("F0", CultureInfo.InvariantCulture) + " MHz (/proc/cpuinfo)";
        if (p.MemoryGb is { } gb) o["memory_gb"] = gb;
        if (p.LastLevelCacheMb is { } mb) o["on_chip_mb"] = mb;
        o["source"] = $"modelmeter hw probe, {DateTime.UtcNow:yyyy-MM-dd}";
        o["notes"] = notes;
        return o;
    }

    static int ProbeLanes(ProbeResult p) => p.Isa.Contains("512", StringComparison.Ordinal) ? 16 : p.Isa.Contains("256", StringComparison.Ordinal) ? 8 : 4;

    /// <summary>The <c>calibration</c> block: <c>{ "source", "default", "op_classes": { "conv": {compute_efficiency, bandwidth_efficiency, overhead_s}, … } }</c>.</summary>
    public static JsonObject CalibrationBlock(Calibration c)
    {
        var classes = new JsonObject();
        foreach (var (cls, f) in c.OpClasses.OrderBy(kv => kv.Key)) classes[SnakeName(cls)] = Factors(f);
        var o = new JsonObject();
        if (c.Source is not null) o["source"] = c.Source;
        if (c.Default is not null) o["default"] = Factors(c.Default);
        o["op_classes"] = classes;
        return o;
    }

    /// <summary>Sets (or replaces) the calibration block of entry <paramref name="id"/> (or of the only entry) in a hardware JSON document.</summary>
    public static string WithCalibration(string hardwareJson, Calibration c, string? id = null)
    {
        var root = JsonNode.Parse(hardwareJson) ?? throw ModelMeterException.Usage("hardware JSON is empty");
        var entries = root is JsonArray a ? a.OfType<JsonObject>().ToList() : root is JsonObject single ? [single] : [];
        var target = id is null ? (entries.Count == 1 ? entries[0] : null) : entries.FirstOrDefault(e => (string?)e["id"] == id);
        if (target is null) throw ModelMeterException.Usage(id is null ? "the hardware file holds several entries: name one with --hw" : $"no hardware entry '{id}' in the file");
        target["calibration"] = CalibrationBlock(c);
        return root.ToJsonString(s_indented);
    }

    /// <summary>A document holding <paramref name="entries"/> (a JSON array, as the catalog is).</summary>
    public static string Document(params JsonObject[] entries) => new JsonArray([.. entries]).ToJsonString(s_indented);

    static JsonObject Factors(CalibrationFactors f) => new()
    {
        ["compute_efficiency"] = Round(f.ComputeEfficiency),
        ["bandwidth_efficiency"] = Round(f.BandwidthEfficiency),
        ["overhead_s"] = double.Parse(f.OverheadS.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    static double Round(double v) => double.Parse(v.ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The snake_case name of an op class as the hardware schema spells it (<c>depthwise_conv</c>).</summary>
    public static string SnakeName(OpClass c) => string.Concat(c.ToString().Select((ch, i) =>
        char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}

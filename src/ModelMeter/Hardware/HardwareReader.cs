using System.Globalization;
using System.Text.Json;
using ModelMeter.Costs;

namespace ModelMeter.Hardware;

/// <summary>Reads and validates hardware JSON (snake_case schema, see hardware.json) with errors that name file, entry and field.</summary>
sealed class HardwareReader(string fileName, string origin)
{
    internal static readonly IReadOnlyDictionary<string, Precision> PeakKeys = new Dictionary<string, Precision>
    {
        ["fp64"] = Precision.Fp64, ["fp32"] = Precision.Fp32, ["tf32"] = Precision.Tf32, ["fp16"] = Precision.Fp16,
        ["bf16"] = Precision.Bf16, ["fp8"] = Precision.Fp8, ["fp6"] = Precision.Fp6, ["fp4"] = Precision.Fp4, ["int8"] = Precision.Int8,
        ["int4"] = Precision.Int4,
    };

    static readonly string[] s_entryFields =
    [
        "id", "name", "source_row", "vendor", "kind", "peak_tflops", "sparse_tflops", "fp16_accumulate_tflops", "matrix_tflops",
        "vector_fp16_tflops", "compute_units",
        "sm_count", "architecture", "clock", "memory_type", "memory_gb", "memory_bytes", "memory_usable_bytes", "memory_bandwidth_gbps", "on_chip_mb", "on_chip", "interconnect", "tdp_w", "power_min_w", "tdp",
        "year", "source_id", "source", "field_sources", "notes", "calibration",
    ];
    static readonly string[] s_interconnectFields =
    [
        "text", "pcie_gen", "pcie_lanes", "pcie_gbps", "nvlink_gbps", "other_gbps", "host_link", "host_gbps_per_direction",
        "host_achieved_gbps_per_direction", "device_link",
    ];
    static readonly string[] s_calibrationFields = ["source", "default", "op_classes"];
    static readonly string[] s_factorFields = ["compute_efficiency", "bandwidth_efficiency", "overhead_s"];

    string _entry = "";

    public List<HardwareSpec> ReadDocument(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw ModelMeterException.BadModel(fileName, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            var result = new List<HardwareSpec>();
            if (root.ValueKind == JsonValueKind.Object)
                result.Add(ReadEntry(root, 0));
            else if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var e in root.EnumerateArray())
                    result.Add(ReadEntry(e, i++));
            }
            else
                throw ModelMeterException.BadModel(fileName, "expected a hardware entry object or an array of entries");

            var dup = result.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null)
                throw ModelMeterException.BadModel(fileName, $"id '{dup.Key}' appears more than once");
            return result;
        }
    }

    HardwareSpec ReadEntry(JsonElement e, int index)
    {
        _entry = $"#{index + 1}";
        if (e.ValueKind != JsonValueKind.Object)
            throw Fail(null, "must be an object");
        if (e.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(idEl.GetString()))
            _entry = $"'{idEl.GetString()}'";
        CheckFields(e, s_entryFields, "");

        var id = Str(e, "id", required: true)!;
        if (id.Any(char.IsWhiteSpace) || id.Contains(','))
            throw Fail("id", "must not contain spaces or commas");
        var kindText = Str(e, "kind", required: true)!;
        if (!Enum.TryParse<HardwareKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(kindText[0]))
            throw Fail("kind", $"must be one of gpu, cpu, npu, tpu (got '{kindText}')");

        var year = Num(e, "year", Check.Positive);
        if (year is { } y && (y != Math.Floor(y) || y < 1950 || y > 2100))
            throw Fail("year", "must be a whole year between 1950 and 2100");

        var spec = new HardwareSpec
        {
            Id = id,
            Name = Str(e, "name", required: true)!,
            SourceRow = Str(e, "source_row"),
            Vendor = Str(e, "vendor") ?? "",
            Kind = kind,
            PeakTflops = Peaks(e, "peak_tflops"),
            SparseTflops = Peaks(e, "sparse_tflops"),
            Fp16AccumulateTflops = Peaks(e, "fp16_accumulate_tflops"),
            MatrixTflops = Peaks(e, "matrix_tflops"),
            VectorFp16Tflops = Num(e, "vector_fp16_tflops", Check.Positive),
            ComputeUnits = Str(e, "compute_units"),
            SmCount = Int(e, "sm_count", ""),
            Architecture = Architecture(e),
            Clock = Str(e, "clock"),
            MemoryType = Str(e, "memory_type"),
            MemoryGb = Num(e, "memory_gb", Check.Positive),
            MemoryBytes = Num(e, "memory_bytes", Check.Positive),
            MemoryUsableBytes = Num(e, "memory_usable_bytes", Check.Positive),
            MemoryBandwidthGbps = Num(e, "memory_bandwidth_gbps", Check.Positive, required: true)!.Value,
            OnChipMb = Num(e, "on_chip_mb", Check.Positive),
            OnChip = Str(e, "on_chip"),
            Interconnect = ReadInterconnect(e),
            TdpW = Num(e, "tdp_w", Check.Positive),
            PowerMinW = Num(e, "power_min_w", Check.Positive),
            Tdp = Str(e, "tdp"),
            Year = year is null ? null : (int)year.Value,
            SourceId = Str(e, "source_id"),
            Source = Str(e, "source"),
            FieldSources = FieldSources(e),
            Notes = Strings(e, "notes"),
            Calibration = ReadCalibration(e),
            Origin = origin,
        };
        if (spec.MemoryUsableBytes > spec.MemoryBytes)
            throw Fail("memory_usable_bytes", $"must not exceed the physical memory ({spec.MemoryBytes:0} bytes)");
        if (spec.PowerMinW > spec.TdpW)
            throw Fail("power_min_w", $"must not exceed tdp_w ({spec.TdpW} W)");
        return spec;
    }

    string? Architecture(JsonElement e)
    {
        var a = Str(e, "architecture");
        if (a is not null && (a.Length == 0 || a.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))))
            throw Fail("architecture", $"must be a lower-case generation id such as ampere, hopper, cdna3, tpu-v5e (got \"{a}\")");
        return a;
    }

    Dictionary<string, string> FieldSources(JsonElement e)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryObject(e, "field_sources", "", out var o))
            return result;
        foreach (var p in o.EnumerateObject())
        {
            if (Array.IndexOf(s_entryFields, p.Name) < 0 && !p.Name.Contains('.'))
                throw Fail($"field_sources.{p.Name}", $"names no field of the hardware schema (known fields: {string.Join(", ", s_entryFields)})");
            result[p.Name] = Str(o, p.Name, required: true, prefix: "field_sources.")!;
        }
        return result;
    }

    Interconnect ReadInterconnect(JsonElement e)
    {
        if (!TryObject(e, "interconnect", "", out var o))
            return new Interconnect("–");
        CheckFields(o, s_interconnectFields, "interconnect.");
        return new Interconnect(
            Str(o, "text", prefix: "interconnect.") ?? "",
            Int(o, "pcie_gen", "interconnect."),
            Int(o, "pcie_lanes", "interconnect."),
            Num(o, "pcie_gbps", Check.Positive, prefix: "interconnect."),
            Num(o, "nvlink_gbps", Check.Positive, prefix: "interconnect."),
            Num(o, "other_gbps", Check.Positive, prefix: "interconnect."))
        {
            HostLink = Str(o, "host_link", prefix: "interconnect."),
            HostGbpsPerDirection = Num(o, "host_gbps_per_direction", Check.Positive, prefix: "interconnect."),
            HostAchievedGbpsPerDirection = Num(o, "host_achieved_gbps_per_direction", Check.Positive, prefix: "interconnect."),
            DeviceLink = Str(o, "device_link", prefix: "interconnect."),
        };
    }

    Calibration? ReadCalibration(JsonElement e)
    {
        if (!TryObject(e, "calibration", "", out var c))
            return null;
        CheckFields(c, s_calibrationFields, "calibration.");
        var def = TryObject(c, "default", "calibration.", out var d) ? Factors(d, "calibration.default.") : null;
        var classes = new Dictionary<OpClass, CalibrationFactors>();
        if (TryObject(c, "op_classes", "calibration.", out var oc))
        {
            foreach (var p in oc.EnumerateObject())
            {
                var field = $"calibration.op_classes.{p.Name}";
                if (!TryOpClass(p.Name, out var cls))
                    throw Fail(field, $"is not an op class (one of {string.Join(", ", Enum.GetValues<OpClass>().Select(SnakeName))})");
                if (p.Value.ValueKind != JsonValueKind.Object)
                    throw Fail(field, "must be an object");
                classes[cls] = Factors(p.Value, field + ".");
            }
        }
        return new Calibration(Str(c, "source", prefix: "calibration."), def, classes);
    }

    CalibrationFactors Factors(JsonElement o, string prefix)
    {
        CheckFields(o, s_factorFields, prefix);
        return new CalibrationFactors(
            Num(o, "compute_efficiency", Check.Positive, prefix: prefix) ?? 1,
            Num(o, "bandwidth_efficiency", Check.Positive, prefix: prefix) ?? 1,
            Num(o, "overhead_s", Check.NonNegative, prefix: prefix) ?? 0);
    }

    Dictionary<Precision, double> Peaks(JsonElement e, string name)
    {
        var result = new Dictionary<Precision, double>();
        if (!TryObject(e, name, "", out var o))
            return result;
        foreach (var p in o.EnumerateObject())
        {
            if (!PeakKeys.TryGetValue(p.Name, out var precision))
                throw Fail($"{name}.{p.Name}", $"is not a precision (one of {string.Join(", ", PeakKeys.Keys)})");
            if (p.Value.ValueKind == JsonValueKind.Null)
                continue;
            result[precision] = Num(o, p.Name, Check.Positive, prefix: name + ".")!.Value;
        }
        return result;
    }

    internal static string SnakeName(OpClass c) => string.Concat(c.ToString().Select((ch, i) =>
        char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    static bool TryOpClass(string name, out OpClass cls)
    {
        foreach (var c in Enum.GetValues<OpClass>())
        {
            if (string.Equals(SnakeName(c), name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                cls = c;
                return true;
            }
        }
        cls = default;
        return false;
    }

    enum Check { Positive, NonNegative }

    void CheckFields(JsonElement o, string[] known, string prefix)
    {
        foreach (var p in o.EnumerateObject())
            if (Array.IndexOf(known, p.Name) < 0)
                throw Fail(prefix + p.Name, $"is not part of the hardware schema (known fields: {string.Join(", ", known)})");
    }

    bool TryObject(JsonElement e, string name, string prefix, out JsonElement o)
    {
        o = default;
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return false;
        if (v.ValueKind != JsonValueKind.Object)
            throw Fail(prefix + name, "must be an object");
        o = v;
        return true;
    }

    double? Num(JsonElement e, string name, Check check, bool required = false, string prefix = "")
    {
        var must = check == Check.Positive ? "must be a positive number" : "must be a number >= 0";
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw Fail(prefix + name, $"is required ({must})") : null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d)
            || (check == Check.Positive ? d <= 0 : d < 0))
            throw Fail(prefix + name, $"{must} (got {v.GetRawText()})");
        return d;
    }

    int? Int(JsonElement e, string name, string prefix)
    {
        var d = Num(e, name, Check.Positive, prefix: prefix);
        if (d is { } v && (v != Math.Floor(v) || v > int.MaxValue))
            throw Fail(prefix + name, $"must be a positive whole number (got {v.ToString(CultureInfo.InvariantCulture)})");
        return d is null ? null : (int)d.Value;
    }

    string? Str(JsonElement e, string name, bool required = false, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? throw Fail(prefix + name, "is required (a non-empty string)") : null;
        if (v.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(v.GetString())))
            throw Fail(prefix + name, $"must be a {(required ? "non-empty " : "")}string (got {v.GetRawText()})");
        return v.GetString();
    }

    string[] Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return [];
        if (v.ValueKind == JsonValueKind.String)
            return [v.GetString()!];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw Fail(name, "must be a string or an array of strings");
        return [.. v.EnumerateArray().Select(x => x.GetString()!)];
    }

    ModelMeterException Fail(string? field, string problem)
        => ModelMeterException.BadModel(fileName, field is null ? $"entry {_entry} {problem}" : $"entry {_entry}: field '{field}' {problem}");
}

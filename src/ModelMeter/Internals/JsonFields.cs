using System.Text.Json;

namespace ModelMeter.Internals;

/// <summary>Typed look-ups of optional and required fields (with alias names) in a JSON object; errors name the file.</summary>
internal sealed class Fields(JsonElement root, string source)
{
    public bool Has(string name) => root.TryGetProperty(name, out _);

    private JsonElement? First(string[] names)
    {
        foreach (var n in names)
            if (root.TryGetProperty(n, out var e) && e.ValueKind != JsonValueKind.Null) return e;
        return null;
    }

    public string? String(params string[] names) => First(names) is { } e
        ? e.ValueKind == JsonValueKind.String ? e.GetString() : throw Bad(names[0], "a string", e) : null;

    public int? Int(params string[] names)
    {
        if (First(names) is not { } e) return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i)) return i;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue) return (int)d;
        throw Bad(Name(names, e), "an integer", e);
    }

    public double? Double(params string[] names) => First(names) is { } e
        ? e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Bad(Name(names, e), "a number", e) : null;

    public bool? Bool(params string[] names) => First(names) is { } e
        ? e.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Bad(Name(names, e), "true or false", e) }
        : null;

    /// <summary>A JSON array of strings, or null when absent; BadModel naming the field for another shape.</summary>
    public IReadOnlyList<string>? Strings(string name) => Items(name, JsonValueKind.String, "an array of strings")?.Select(e => e.GetString()!).ToList();

    /// <summary>A JSON array of integers, or null when absent; BadModel naming the field for another shape.</summary>
    public IReadOnlyList<int>? Ints(string name) => Items(name, JsonValueKind.Number, "an array of integers")
        ?.Select(e => e.TryGetInt32(out var i) ? i : throw Bad(name, "an array of integers", e)).ToList();

    private List<JsonElement>? Items(string name, JsonValueKind kind, string expected)
    {
        if (First([name]) is not { } e) return null;
        if (e.ValueKind != JsonValueKind.Array) throw Bad(name, expected, e);
        var list = e.EnumerateArray().ToList();
        return list.All(x => x.ValueKind == kind) ? list : throw Bad(name, expected, e);
    }

    public int RequiredInt(params string[] names)
    {
        var v = Int(names) ?? throw ModelMeterException.BadModel(source,
            $"missing required field '{names[0]}'{(names.Length > 1 ? $" (or {string.Join(", ", names[1..])})" : "")}");
        if (v <= 0) throw ModelMeterException.BadModel(source, $"field '{names[0]}' must be positive, got {v}");
        return v;
    }

    private string Name(string[] names, JsonElement e)
    {
        foreach (var n in names)
            if (root.TryGetProperty(n, out var x) && x.GetRawText() == e.GetRawText()) return n;
        return names[0];
    }

    private ModelMeterException Bad(string name, string expected, JsonElement e)
        => ModelMeterException.BadModel(source, $"field '{name}' must be {expected}, got {e.GetRawText()}");
}

using System.Text.Json;
using ModelMeter.Hardware;

namespace ModelMeter.Engines;

/// <summary>The built-in engines and the chip factors their predictions use (embedded <c>Engines/engines.json</c>; every figure
/// carries its source).</summary>
public sealed class EngineCatalog
{
    const string ResourceName = "ModelMeter.Engines.engines.json";
    static readonly Lazy<EngineCatalog> s_default = new(Load);
    readonly EngineData _data;

    EngineCatalog(EngineData data) => _data = data;

    /// <summary>The embedded catalog.</summary>
    public static EngineCatalog Default => s_default.Value;

    /// <summary>All engines in display order.</summary>
    public IReadOnlyList<EngineSpec> Engines => _data.Engines;

    /// <summary>Per-architecture factors.</summary>
    public IReadOnlyList<ArchitectureFactors> Architectures => _data.Architectures;

    /// <summary>The engine with <paramref name="id"/> (case-insensitive).</summary>
    /// <exception cref="ModelMeterException">Unknown id; the message lists the engines.</exception>
    public EngineSpec Get(string id)
        => _data.Engines.FirstOrDefault(e => string.Equals(e.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
           ?? throw ModelMeterException.Usage($"unknown engine '{id}' (one of {string.Join(", ", _data.Engines.Select(e => e.Id))})");

    /// <summary>The engine assumed for <paramref name="hw"/> when none is given (stated in every output): per processor kind, and
    /// for LLM serving (<paramref name="llm"/>) the kind's LLM engine.</summary>
    public EngineSpec DefaultFor(HardwareSpec hw, bool llm = false)
    {
        ArgumentNullException.ThrowIfNull(hw);
        var kind = (llm ? "llm-" : "") + hw.Kind.ToString().ToLowerInvariant();
        var vendor = kind + ":" + hw.Vendor.Trim().ToLowerInvariant();
        return Get(_data.Defaults.TryGetValue(vendor, out var v) ? v : _data.Defaults.TryGetValue(kind, out var id) ? id : _data.Defaults[llm ? "llm-gpu" : "gpu"]);
    }

    /// <summary>The engine that runs on <paramref name="hw"/>: <paramref name="requested"/> when it runs on that chip (kind and vendor),
    /// else the default for the chip (<see cref="DefaultFor"/>); <paramref name="note"/> says which and why ("" when the requested one
    /// runs). Every command that forecasts (analyze, report, llm) words the choice this way.</summary>
    public EngineSpec Choose(HardwareSpec hw, EngineSpec? requested, bool llm, out string note)
    {
        ArgumentNullException.ThrowIfNull(hw);
        var fallback = DefaultFor(hw, llm);
        var kind = hw.Kind.ToString().ToLowerInvariant();
        if (requested is null)
        {
            note = $"engine: none given; assumed {fallback.Id}, the default{(llm ? " LLM engine" : "")} for a {kind} ({hw.Id}); choose one with --engine";
            return fallback;
        }
        if (!requested.RunsOnChip(hw))
        {
            note = $"engine: {requested.Id} does not run on {hw.Id} (a {hw.Vendor} {kind}); used {fallback.Id}";
            return fallback;
        }
        note = "";
        return requested;
    }

    /// <summary>The factors of <paramref name="hw"/>'s architecture (the fallback when unlisted).</summary>
    public ArchitectureFactors ArchitectureOf(HardwareSpec hw)
    {
        ArgumentNullException.ThrowIfNull(hw);
        var arch = hw.Architecture;
        return arch is null ? _data.Fallback
            : _data.Architectures.FirstOrDefault(a => string.Equals(a.Id, arch, StringComparison.OrdinalIgnoreCase)) ?? _data.Fallback;
    }

    /// <summary>Per-chip corrections for <paramref name="hw"/> (none: sustained clock 1).</summary>
    public ChipFactors ChipOf(HardwareSpec hw)
    {
        ArgumentNullException.ThrowIfNull(hw);
        return _data.Chips.FirstOrDefault(c => string.Equals(c.Id, hw.Id, StringComparison.OrdinalIgnoreCase)) ?? new ChipFactors { Id = hw.Id };
    }

    static EngineCatalog Load()
    {
        using var stream = typeof(EngineCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var data = JsonSerializer.Deserialize(stream, EngineJsonContext.Default.EngineData)
            ?? throw new InvalidOperationException("engines.json is empty");
        return new EngineCatalog(data);
    }
}

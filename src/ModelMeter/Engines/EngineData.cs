using System.Text.Json.Serialization;

namespace ModelMeter.Engines;

/// <summary>The embedded <c>engines.json</c>: engines, per-architecture and per-chip factors, and the default engine per kind.</summary>
/// <param name="Engines">Engines in display order.</param>
/// <param name="Architectures">Achievable fractions per chip generation.</param>
/// <param name="Chips">Per-chip corrections.</param>
/// <param name="Defaults">Default engine id per processor kind (<c>gpu</c>, <c>cpu</c>, <c>tpu</c>, <c>npu</c>).</param>
/// <param name="Fallback">Factors used for an architecture the file does not list.</param>
internal sealed record EngineData(IReadOnlyList<EngineSpec> Engines, IReadOnlyList<ArchitectureFactors> Architectures,
    IReadOnlyList<ChipFactors> Chips, IReadOnlyDictionary<string, string> Defaults, ArchitectureFactors Fallback);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(EngineData))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;

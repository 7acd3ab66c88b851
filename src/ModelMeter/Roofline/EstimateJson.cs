using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelMeter.Costs;

namespace ModelMeter.Roofline;

/// <summary>The <c>"estimates"</c> section of the JSON contract.</summary>
/// <param name="Estimates">One entry per (hardware, precision, batch).</param>
public sealed record EstimatesDocument(IReadOnlyList<Estimate> Estimates);

/// <summary>Writes estimates as JSON (snake_case; times in seconds; enums as lower-case strings).</summary>
public static class EstimateJson
{
    /// <summary>Type info for one <see cref="Estimate"/>, for embedding in a larger document with a <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonTypeInfo<Estimate> EstimateTypeInfo => RooflineJsonContext.Default.Estimate;

    /// <summary>Type info for a list of estimates (the value of <c>"estimates"</c>).</summary>
    public static JsonTypeInfo<IReadOnlyList<Estimate>> ListTypeInfo => RooflineJsonContext.Default.IReadOnlyListEstimate;

    /// <summary>Serialises <c>{ "estimates": [ … ] }</c>.</summary>
    public static string Serialize(IReadOnlyList<Estimate> estimates)
        => JsonSerializer.Serialize(new EstimatesDocument(estimates), RooflineJsonContext.Default.EstimatesDocument);
}

sealed class SnakeEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower) where T : struct, Enum;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    Converters = [typeof(SnakeEnumConverter<Precision>), typeof(SnakeEnumConverter<OpClass>), typeof(SnakeEnumConverter<PeakPath>), typeof(SnakeEnumConverter<Bound>), typeof(SnakeEnumConverter<ModelMeter.Engines.KernelKind>)])]
[JsonSerializable(typeof(EstimatesDocument))]
[JsonSerializable(typeof(Estimate))]
[JsonSerializable(typeof(IReadOnlyList<Estimate>))]
sealed partial class RooflineJsonContext : JsonSerializerContext;

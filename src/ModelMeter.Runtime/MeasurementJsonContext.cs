using System.Text.Json.Serialization;
using ModelMeter.Costs;
using ModelMeter.Roofline;

namespace ModelMeter.Runtime;

/// <summary>The source-generated serializer of <see cref="Measurement"/> (snake_case, enums as snake_case strings, NaN allowed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(SnakeEnumConverter<OpClass>)])]
[JsonSerializable(typeof(Measurement))]
internal sealed partial class MeasurementJsonContext : JsonSerializerContext;

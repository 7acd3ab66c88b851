using System.Text.Json.Serialization;

namespace ModelMeter.Reports;

/// <summary>The source-generated serializer of the HTML report's data block (camelCase, nulls left out, NaN allowed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(HtmlReportData))]
internal sealed partial class HtmlJsonContext : JsonSerializerContext;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ModelMeter.Reports.Json;

/// <summary>
/// Serializes the JSON documents: snake_case names, indented, nulls written (unknown numbers are null). Every type is
/// serialized through System.Text.Json source generation (no reflection, so the NativeAOT binary writes the same bytes).
/// </summary>
public static class AnalysisJson
{
    /// <summary>The serializer options of every ModelMeter JSON document (resolved by the source-generated context).</summary>
    public static JsonSerializerOptions Options { get; } = new(AnalysisJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Default,
    };

    /// <summary>Serializes an analysis document to a string ending in a newline.</summary>
    public static string Serialize(AnalysisDocument document) => Serialize(document, AnalysisJsonContext.Default.AnalysisDocument);

    /// <summary>Serializes a multi-model document to a string ending in a newline.</summary>
    public static string Serialize(ModelsDocument document) => Serialize(document, AnalysisJsonContext.Default.ModelsDocument);

    /// <summary>Serializes any other document through its source-generated type info (a <c>[JsonSerializable]</c> line in the
    /// context of its assembly, with <see cref="JsonKnownNamingPolicy.SnakeCaseLower"/> and indentation) to a string ending in a newline.</summary>
    public static string Serialize<T>(T document, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(document, typeInfo) + "\n";
}

/// <summary>The source-generated serializers of the JSON contract (also the runtime types held in <c>object</c> members).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AnalysisDocument))]
[JsonSerializable(typeof(ModelsDocument))]
[JsonSerializable(typeof(ModelErrorDocument))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;

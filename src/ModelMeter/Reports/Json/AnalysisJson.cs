using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelMeter.Reports.Json;

/// <summary>Serializes the JSON documents: snake_case names, indented, nulls written (unknown numbers are null).</summary>
public static class AnalysisJson
{
    /// <summary>The serializer options of every ModelMeter JSON document.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Default,
    };

    /// <summary>Serializes a document (an <see cref="AnalysisDocument"/>, a <see cref="ModelsDocument"/>, …) to a string ending in a newline.</summary>
    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Options) + "\n";
}

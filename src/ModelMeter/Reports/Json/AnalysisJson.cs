using System.Text;
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

    /// <summary>Writes an analysis document (the bytes of <see cref="Serialize(AnalysisDocument)"/>) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, AnalysisDocument document) => Write(writer, document, AnalysisJsonContext.Default.AnalysisDocument);

    /// <summary>Writes a multi-model document (the bytes of <see cref="Serialize(ModelsDocument)"/>) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, ModelsDocument document) => Write(writer, document, AnalysisJsonContext.Default.ModelsDocument);

    /// <summary>
    /// Writes the bytes of <see cref="Serialize{T}(T, JsonTypeInfo{T})"/> to <paramref name="writer"/>: onto the stream
    /// of a UTF-8 <see cref="StreamWriter"/> as they are made (never the whole document in memory), else as one string.
    /// </summary>
    public static void Write<T>(TextWriter writer, T document, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (writer is not StreamWriter { Encoding: UTF8Encoding } sw || sw.Encoding.Preamble.Length > 0)
        {
            writer.Write(Serialize(document, typeInfo));
            return;
        }
        sw.Flush();
        var o = typeInfo.Options;
        var chunks = new StreamChunkWriter(sw.BaseStream);
        using (var json = new Utf8JsonWriter(chunks, new JsonWriterOptions
        {
            Encoder = o.Encoder,
            Indented = o.WriteIndented,
            IndentCharacter = o.IndentCharacter,
            IndentSize = o.IndentSize,
            NewLine = o.NewLine,
            MaxDepth = o.MaxDepth,
            SkipValidation = true,
        }))
        {
            JsonSerializer.Serialize(json, document, typeInfo);
        }
        chunks.Flush();
        sw.Write('\n');
    }
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

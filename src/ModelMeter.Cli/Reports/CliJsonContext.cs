using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// The source-generated serializers of the CLI's own JSON documents (same conventions as
/// <see cref="ModelMeter.Reports.Json.AnalysisJson"/>); add a <c>[JsonSerializable]</c> line for each new document type,
/// and for every runtime type a document holds in an <c>object</c> member.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(LlmDocument))]
[JsonSerializable(typeof(Commands.ServeDocument))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

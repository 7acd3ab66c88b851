namespace ModelMeter.Reports.Json;

/// <summary>
/// The multi-model wrapper <c>{ "schema": "modelmeter/models/v1", "models": [ … ] }</c>: each item is an
/// <see cref="AnalysisDocument"/> or, for a model that could not be analysed, a <see cref="ModelErrorDocument"/>.
/// </summary>
/// <param name="Models">The per-model documents, in argument order.</param>
public sealed record ModelsDocument(IReadOnlyList<object> Models)
{
    /// <summary>The schema id of this wrapper.</summary>
    public const string SchemaId = "modelmeter/models/v1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaId;
}

using System.Text.Json.Serialization;
using ModelMeter.Costs;

namespace ModelMeter.Reports.Json;

/// <summary>
/// The JSON contract <c>modelmeter/analysis/v1</c> for one model (docs/json-schema.md). Later stages add their
/// sections beside the analysis (<see cref="Estimates"/>, <see cref="Measurement"/>, <see cref="Llm"/>); a section that
/// is null is omitted, so a plain analysis is exactly the v1 contract.
/// </summary>
public sealed record AnalysisDocument
{
    /// <summary>The schema id of this document.</summary>
    public const string SchemaId = "modelmeter/analysis/v1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaId;
    /// <summary>Model identification.</summary>
    public required ModelSection Model { get; init; }
    /// <summary>Graph inputs.</summary>
    public required IReadOnlyList<TensorSection> Inputs { get; init; }
    /// <summary>Graph outputs.</summary>
    public required IReadOnlyList<TensorSection> Outputs { get; init; }
    /// <summary>Whole-model totals.</summary>
    public required TotalsSection Totals { get; init; }
    /// <summary>Rollup by op type, in order of first appearance.</summary>
    public required IReadOnlyList<OpTypeSection> ByOpType { get; init; }
    /// <summary>Nodes in topological order.</summary>
    public required IReadOnlyList<NodeSection> Nodes { get; init; }
    /// <summary>Diagnostics.</summary>
    public required IReadOnlyList<DiagnosticSection> Diagnostics { get; init; }

    /// <summary>With <c>--sweep</c>: the value of the swept dim this document was analysed at; omitted otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyOrder(-5)]
    public SweepSection? Sweep { get; init; }
    /// <summary>Roofline estimates (one per hardware/precision plan); serialized by runtime type (a <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>: the contract's serializer is source-generated); omitted when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Estimates { get; init; }
    /// <summary>ONNX Runtime measurement; serialized by runtime type (a <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>: the contract's serializer is source-generated); omitted when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Measurement { get; init; }
    /// <summary>LLM (prefill/decode) section; serialized by runtime type (a <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>: the contract's serializer is source-generated); omitted when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Llm { get; init; }

    /// <summary>The analysis part of the document from a profile.</summary>
    public static AnalysisDocument From(ModelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var t = profile.Totals;
        return new AnalysisDocument
        {
            Model = new ModelSection(profile.Model.Path, profile.Model.Name, profile.Model.Producer, profile.Model.IrVersion, profile.Model.Opset),
            Inputs = profile.Inputs.Select(TensorSection.From).ToList(),
            Outputs = profile.Outputs.Select(TensorSection.From).ToList(),
            Totals = new TotalsSection(t.Params, t.Buffers, t.Macs, t.Flops, t.BytesRead, t.BytesWritten, t.MemoryAccessBytes,
                t.WeightBytes, t.PeakActivationBytes, t.Nodes, t.UnknownNodes, ExpressionsSection.From(t.Formulas)),
            ByOpType = profile.ByOpType.Select(r => new OpTypeSection(r.OpType, r.Count, r.Params, r.Macs, r.Flops, r.MemoryAccessBytes)).ToList(),
            Nodes = new ProjectedList<NodeCost, NodeSection>(profile.Nodes, NodeSection.From), // made while written
            Diagnostics = profile.Diagnostics.Select(d => new DiagnosticSection(d.Severity.ToString().ToLowerInvariant(), d.Node, d.Message)).ToList(),
        };
    }
}

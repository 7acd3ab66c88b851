namespace ModelMeter.Reports.Json;

/// <summary>The value of the swept dim a document of <c>--sweep</c> was analysed at: <c>{ "dim": "W", "value": 640 }</c>.</summary>
/// <param name="Dim">The symbolic dim's name.</param>
/// <param name="Value">Its value for this document.</param>
public sealed record SweepSection(string Dim, long Value);

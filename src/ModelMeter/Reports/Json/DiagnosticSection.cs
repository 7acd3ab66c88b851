namespace ModelMeter.Reports.Json;

/// <summary>JSON <c>diagnostics</c> item.</summary>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Node">Node name, or null for the whole model.</param>
/// <param name="Message">The message.</param>
public sealed record DiagnosticSection(string Severity, string? Node, string Message);

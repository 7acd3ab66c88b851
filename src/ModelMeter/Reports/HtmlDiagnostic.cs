namespace ModelMeter.Reports;

/// <summary>A diagnostic line in the report.</summary>
/// <param name="Severity">info, warning or error.</param>
/// <param name="Node">Node the diagnostic is about, if any.</param>
/// <param name="Message">The message (may quote model strings; rendered as text).</param>
public sealed record HtmlDiagnostic(string Severity, string? Node, string Message);

namespace ModelMeter.Reports;

/// <summary>One node's point on a chip's roofline.</summary>
/// <param name="Name">Node name (matches <see cref="HtmlNode.Name"/> at the same index).</param>
/// <param name="Intensity">Arithmetic intensity, operations per byte moved.</param>
/// <param name="AttainableFlopsPerS">Attainable operations per second = min(peak, intensity × bandwidth).</param>
/// <param name="TimeS">Predicted time in seconds.</param>
/// <param name="Bound">"compute", "memory" or "none" (nothing to do).</param>
public sealed record HtmlChipNode(string Name, double Intensity, double AttainableFlopsPerS, double TimeS, string Bound);

namespace ModelMeter.Reports;

/// <summary>
/// One fused kernel of an engine's plan: a group of nodes that run as one kernel. The graph view draws it as a box around its nodes.
/// Filled by the engine-aware fusion pass (not yet in the pipeline); the page draws groups whenever a chip carries them.
/// </summary>
/// <param name="Name">Kernel name (the engine's or its first node's).</param>
/// <param name="Nodes">Indices of its nodes in <see cref="HtmlReportData.Nodes"/>.</param>
/// <param name="BoundS">Roofline time of the fused kernel at datasheet peaks, seconds.</param>
/// <param name="PredictedS">The engine's predicted time, seconds; null when no engine model applies.</param>
public sealed record HtmlKernel(string Name, IReadOnlyList<int> Nodes, double BoundS, double? PredictedS);

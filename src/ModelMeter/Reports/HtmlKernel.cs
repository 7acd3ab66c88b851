namespace ModelMeter.Reports;

/// <summary>One fused kernel of an engine on a chip's roofline.</summary>
/// <param name="Name">Kernel name (its anchor node).</param>
/// <param name="Kind">What it does (conv, gemm, attention, pointwise …).</param>
/// <param name="Nodes">The graph nodes it holds.</param>
/// <param name="Intensity">FLOPs / external bytes.</param>
/// <param name="AttainableFlopsPerS">min(peak, intensity × bandwidth) at datasheet figures.</param>
/// <param name="BoundS">Fused roofline time, seconds.</param>
/// <param name="PredictedS">Predicted time under the engine, seconds.</param>
/// <param name="Bound">"compute", "memory" or "none".</param>
public sealed record HtmlKernel(string Name, string Kind, IReadOnlyList<string> Nodes, double Intensity, double AttainableFlopsPerS, double BoundS, double PredictedS, string Bound);

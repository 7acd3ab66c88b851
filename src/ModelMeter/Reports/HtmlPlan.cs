namespace ModelMeter.Reports;

/// <summary>A what-if precision plan as the page applies it (<c>PrecisionPlan</c>).</summary>
/// <param name="Name">Plan name (<c>fp16</c>, <c>w4a16</c>).</param>
/// <param name="Compute">Compute precision name (selects the peak).</param>
/// <param name="WeightBytesPerElement">Bytes per weight element.</param>
/// <param name="ActivationBytesPerElement">Bytes per activation element.</param>
public sealed record HtmlPlan(string Name, string Compute, double WeightBytesPerElement, double ActivationBytesPerElement);

namespace ModelMeter.Reports;

/// <summary>The peak a kernel of one (precision, units) pair is held to on one chip (<c>PeakRules.Select</c>).</summary>
/// <param name="FlopsPerS">Peak FLOP/s (OP/s for integers), before calibration.</param>
/// <param name="Used">The precision whose peak applies (differs from the requested one after a fallback).</param>
/// <param name="Path"><c>tensor</c> or <c>vector</c> units.</param>
/// <param name="Note">Why a fallback or derived figure was used; null when the catalogued figure applied directly.</param>
public sealed record HtmlPeakRate(double FlopsPerS, string Used, string Path, string? Note);

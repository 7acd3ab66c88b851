using ModelMeter.Costs;
using ModelMeter.Roofline;

namespace ModelMeter.Reports;

/// <summary>One value of a <c>--sweep</c>: the model analysed with the swept dim bound to <paramref name="Value"/> (or the error that
/// stopped it), and with <c>--hw</c> its estimate on each chip.</summary>
/// <param name="Value">The swept dim's value.</param>
/// <param name="Profile">The analysis at that value; null when it failed.</param>
/// <param name="Error">The failure, or null.</param>
public sealed record SweepPoint(long Value, ModelProfile? Profile, ModelMeterException? Error)
{
    /// <summary>One estimate per chip (the first batch size), in <c>--hw</c> order; empty without <c>--hw</c>.</summary>
    public IReadOnlyList<Estimate> Estimates { get; init; } = [];

    /// <summary>The estimated latency in seconds on chip <paramref name="chip"/> (an id of <see cref="Estimates"/>); null when this value
    /// failed or has no estimate there.</summary>
    public double? LatencyOn(string chip) => Estimates.FirstOrDefault(e => e.Hardware == chip)?.LatencyS;
}

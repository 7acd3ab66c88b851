using System.Globalization;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Energy of an estimate as an upper bound: the chip draws at most its power limit (TDP, or a lower configured
/// limit) for the whole predicted latency. Assumptions in docs/counting.md, "Energy".</summary>
public static class EnergyModel
{
    /// <summary>The estimate with <see cref="Estimate.EnergyJ"/>, per inference and inferences per joule filled in at
    /// <paramref name="powerLimitW"/> (null = the chip's TDP). Unchanged, with a note, when no power figure is known.</summary>
    /// <exception cref="ModelMeterException">The power limit is outside the chip's configurable range.</exception>
    public static Estimate WithEnergy(this Estimate estimate, HardwareSpec hw, double? powerLimitW = null)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(hw);
        if (powerLimitW is { } limit)
        {
            if (!double.IsFinite(limit) || limit <= 0)
                throw ModelMeterException.Usage($"--power-limit must be a positive number of watts (got {limit.ToString(CultureInfo.InvariantCulture)})");
            if (hw.TdpW is { } max && limit > max)
                throw ModelMeterException.Usage($"--power-limit {Num(limit)} W is above {hw.Id}'s maximum of {Num(max)} W");
            if (hw.PowerMinW is { } min && limit < min)
                throw ModelMeterException.Usage($"--power-limit {Num(limit)} W is below {hw.Id}'s minimum configurable limit of {Num(min)} W");
        }
        var watts = powerLimitW ?? hw.TdpW;
        if (watts is not { } w)
            return estimate with { Notes = [.. estimate.Notes, $"energy: {hw.Id} has no TDP in the catalog; no energy figure"] };
        var joules = estimate.LatencyS * w;
        var note = powerLimitW is null
            ? $"energy: upper bound = latency × {Num(w)} W TDP of {hw.Id}"
            : $"energy: upper bound = latency × {Num(w)} W power limit of {hw.Id}; the latency is not re-derived for the lower clocks a limit causes";
        return estimate with
        {
            PowerW = w,
            EnergyJ = joules,
            EnergyPerInferenceJ = joules / Math.Max(1, estimate.Batch),
            InferencesPerJoule = joules > 0 ? Math.Max(1, estimate.Batch) / joules : null,
            Notes = [.. estimate.Notes, note],
        };
    }

    static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

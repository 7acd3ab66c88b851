using System.Globalization;

namespace ModelMeter.Reports;

/// <summary>
/// A display unit: a symbol and the divisor from the raw unit (e.g. <c>M</c>, 1e6; <c>MB</c>, 1e6; <c>ms</c>, 1e-3).
/// Chosen per column from its data by <see cref="Choose"/>. All prefixes are decimal (SI); see docs/counting.md.
/// </summary>
/// <param name="Symbol">Unit symbol printed in the header ("" for plain counts).</param>
/// <param name="Divisor">Raw value ÷ divisor = displayed value.</param>
public readonly record struct UnitScale(string Symbol, double Divisor)
{
    private static readonly UnitScale[] s_count = [new("", 1), new("K", 1e3), new("M", 1e6), new("G", 1e9), new("T", 1e12), new("P", 1e15)];
    private static readonly UnitScale[] s_bytes = [new("B", 1), new("kB", 1e3), new("MB", 1e6), new("GB", 1e9), new("TB", 1e12), new("PB", 1e15)];
    private static readonly UnitScale[] s_time = [new("ns", 1e-9), new("µs", 1e-6), new("ms", 1e-3), new("s", 1)];

    /// <summary>The base (unscaled) unit of a kind.</summary>
    public static UnitScale Base(UnitKind kind) => kind switch
    {
        UnitKind.Bytes => s_bytes[0],
        UnitKind.Seconds => s_time[^1],
        _ => s_count[0],
    };

    /// <summary>
    /// Picks the smallest unit in which the column's largest magnitude stays below 10,000 (1,000 for time), so
    /// every row keeps at most four integer digits and small rows keep their digits (BenchmarkDotNet also picks the
    /// unit from the data). Ratios and text are unscaled; an all-zero column uses the base unit.
    /// </summary>
    public static UnitScale Choose(UnitKind kind, IEnumerable<double> values)
    {
        var ladder = kind switch
        {
            UnitKind.Count or UnitKind.Flops => s_count,
            UnitKind.Bytes => s_bytes,
            UnitKind.Seconds => s_time,
            _ => null,
        };
        if (ladder is null) return Base(kind);
        double max = values.Select(Math.Abs).Where(v => !double.IsInfinity(v) && !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        if (max == 0) return kind == UnitKind.Seconds ? s_time[2] : ladder[0];
        double limit = kind == UnitKind.Seconds ? 1e3 : 1e4;
        foreach (var u in ladder)
            if (max / u.Divisor < limit) return u;
        return ladder[^1];
    }

    /// <summary>
    /// Formats a raw value in this unit: integers in an unprefixed count/byte unit as whole numbers with thousands
    /// separators, zero as <c>0</c>, everything else with two decimals (invariant culture); a nonzero value that would round
    /// to zero prints as <c>&lt;0.01</c> (<c>&gt;-0.01</c>), never as <c>0.00</c>. Null → <c>?</c>.
    /// </summary>
    public string Format(double? raw, UnitKind kind)
    {
        if (raw is not double v) return "?";
        if (v == 0) return "0";
        var scaled = kind == UnitKind.Ratio ? v : v / Divisor;
        // a value that is not zero never prints as zero: below the two shown decimals it is "<0.01"
        if (Math.Abs(scaled) < 0.005) return scaled > 0 ? "<0.01" : ">-0.01";
        if (kind == UnitKind.Ratio) return v.ToString("0.##", CultureInfo.InvariantCulture);
        bool whole = Divisor == 1 && kind != UnitKind.Seconds && Math.Abs(v - Math.Round(v)) < 1e-9;
        return scaled.ToString(whole ? "N0" : "N2", CultureInfo.InvariantCulture);
    }
}

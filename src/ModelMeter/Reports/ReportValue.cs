using System.Globalization;

namespace ModelMeter.Reports;

/// <summary>One cell: text, an exact integer, a real number, or nothing (unknown).</summary>
public readonly record struct ReportValue(string? Text, long? Integer, double? Real)
{
    /// <summary>An unknown value (printed as <c>?</c>; null in machine formats).</summary>
    public static ReportValue Unknown => default;

    /// <summary>A text cell.</summary>
    public static ReportValue Of(string? text) => new(text, null, null);

    /// <summary>An integer cell (null = unknown).</summary>
    public static ReportValue Of(long? value) => new(null, value, null);

    /// <summary>A real-valued cell (null or NaN = unknown).</summary>
    public static ReportValue Of(double? value) => new(null, null, value is double d && !double.IsNaN(d) ? d : null);

    /// <summary>The numeric value, or null.</summary>
    public double? Number => Integer ?? Real;

    /// <summary>True when the cell has neither text nor a number.</summary>
    public bool IsUnknown => Text is null && Integer is null && Real is null;

    /// <summary>The raw value in invariant culture: exact integers, round-trip reals, text as is; "" when unknown.</summary>
    public string Raw => Text ?? Integer?.ToString(CultureInfo.InvariantCulture) ?? Real?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}

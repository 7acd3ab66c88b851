using System.Globalization;

namespace ModelMeter.Llm;

/// <summary>
/// Token lengths of requests: <c>fixed:N</c>, <c>uniform:A-B</c> (inclusive), <c>normal:MEAN,SD</c> or <c>exp:MEAN</c>
/// (geometric around the mean), each at least 1 and at most <see cref="Max"/>. A bare number means fixed.
/// </summary>
/// <param name="Kind">fixed, uniform, normal or exp.</param>
/// <param name="A">N, A, MEAN.</param>
/// <param name="B">B or SD (unused otherwise).</param>
/// <param name="Max">Upper bound of a sample.</param>
public readonly record struct LlmLengthDistribution(string Kind, double A, double B, int Max)
{
    /// <summary>Parses a specification; <paramref name="option"/> names the option in errors.</summary>
    /// <exception cref="ModelMeterException">Usage error for a malformed specification.</exception>
    public static LlmLengthDistribution Parse(string spec, string option)
    {
        var s = (spec ?? "").Trim().ToLowerInvariant();
        var parts = s.Split(':', 2);
        var (kind, args) = parts.Length == 1 ? ("fixed", parts[0]) : (parts[0], parts[1]);
        double[] nums;
        try { nums = args.Split(kind == "uniform" ? '-' : ',').Select(x => double.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray(); }
        catch (FormatException) { throw Bad(spec, option); }
        var d = (kind, nums.Length) switch
        {
            ("fixed", 1) => new LlmLengthDistribution("fixed", nums[0], 0, (int)nums[0]),
            ("uniform", 2) when nums[1] >= nums[0] => new LlmLengthDistribution("uniform", nums[0], nums[1], (int)nums[1]),
            ("normal", 2) when nums[1] >= 0 => new LlmLengthDistribution("normal", nums[0], nums[1], (int)Math.Ceiling(nums[0] + 4 * nums[1])),
            ("exp", 1) => new LlmLengthDistribution("exp", nums[0], 0, (int)Math.Min(int.MaxValue / 2, Math.Ceiling(10 * nums[0]))),
            _ => throw Bad(spec, option),
        };
        if (d.A < 1 || d.A > 10_000_000) throw Bad(spec, option);
        return d;
    }

    private static ModelMeterException Bad(string? spec, string option) => ModelMeterException.Usage(
        $"{option} '{spec}': use fixed:N, uniform:A-B, normal:MEAN,SD or exp:MEAN with lengths from 1 to 10,000,000 tokens");

    /// <summary>One sample.</summary>
    public int Sample(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double x = Kind switch
        {
            "uniform" => A + Math.Floor(rng.NextDouble() * (B - A + 1)),
            "normal" => A + B * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()),
            "exp" => Math.Ceiling(-A * Math.Log(1 - rng.NextDouble())),
            _ => A,
        };
        return (int)Math.Clamp(Math.Round(x), 1, Math.Max(1, Max));
    }

    /// <summary>Display form.</summary>
    public override string ToString() => Kind switch
    {
        "uniform" => FormattableString.Invariant($"uniform:{A}-{B}"),
        "normal" => FormattableString.Invariant($"normal:{A},{B}"),
        "exp" => FormattableString.Invariant($"exp:{A}"),
        _ => FormattableString.Invariant($"fixed:{A}"),
    };
}

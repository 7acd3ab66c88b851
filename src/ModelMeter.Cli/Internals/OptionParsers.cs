using System.Globalization;
using ModelMeter.Graphs;

namespace ModelMeter.Cli.Internals;

/// <summary>Parses <c>--dim</c> and <c>--input</c> values; a malformed value is a usage error naming the option and the value.</summary>
internal static class OptionParsers
{
    /// <summary>Parses <c>name=value[,name=value]</c> items (repeatable) into symbol values.</summary>
    public static Dictionary<string, long> Dims(IEnumerable<string>? values)
    {
        var dims = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in values ?? [])
        {
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries))
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == item.Length - 1)
                    throw ModelMeterException.Usage($"--dim '{raw}': expected NAME=VALUE, e.g. --dim batch=8");
                var name = item[..eq].Trim();
                var n = PositiveNumber(item[(eq + 1)..].Trim(), "--dim", raw);
                if (!dims.TryAdd(name, n) && dims[name] != n)
                    throw ModelMeterException.Usage($"--dim '{raw}': {name} is set twice with different values");
            }
        }
        return dims;
    }

    /// <summary>Parses <c>name=4x3x320x320</c> items (repeatable; several per value separated by commas) into input shapes.</summary>
    public static Dictionary<string, Shape> Inputs(IEnumerable<string>? values)
    {
        var inputs = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var raw in values ?? [])
        {
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries))
            {
                var eq = item.LastIndexOf('=');
                if (eq <= 0 || eq == item.Length - 1)
                    throw ModelMeterException.Usage($"--input '{raw}': expected NAME=DIMxDIMx…, e.g. --input input=4x3x320x320");
                var name = item[..eq].Trim();
                var dims = item[(eq + 1)..].Split('x', 'X').Select(d => PositiveNumber(d.Trim(), "--input", raw)).ToArray();
                if (!inputs.TryAdd(name, Shape.Of(dims)))
                    throw ModelMeterException.Usage($"--input '{raw}': input {name} is given twice");
            }
        }
        return inputs;
    }

    private static long PositiveNumber(string text, string option, string raw)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
            throw ModelMeterException.Usage($"{option} '{raw}': '{text}' is not a positive whole number (at most {long.MaxValue})");
        return v;
    }
}

using System.Globalization;
using ModelMeter.Graphs;

namespace ModelMeter.Cli.Internals;

/// <summary>Parses <c>--dim</c> and <c>--input</c> values; a malformed value is a usage error naming the option and the value.</summary>
internal static class OptionParsers
{
    /// <summary>
    /// Parses <c>name=value[,name=value]</c> items (repeatable) into symbol values; 0 is allowed (an empty KV cache:
    /// <c>past_sequence_length=0</c> is the prefill of an exported decoder).
    /// </summary>
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
                var n = Number(item[(eq + 1)..].Trim(), "--dim", raw, allowZero: true);
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
                var dims = item[(eq + 1)..].Split('x', 'X').Select(d => Number(d.Trim(), "--input", raw, allowZero: false)).ToArray();
                if (!inputs.TryAdd(name, Shape.Of(dims)))
                    throw ModelMeterException.Usage($"--input '{raw}': input {name} is given twice");
            }
        }
        return inputs;
    }

    private static long Number(string text, string option, string raw, bool allowZero)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < (allowZero ? 0 : 1))
            throw ModelMeterException.Usage($"{option} '{raw}': '{text}' is not a {(allowZero ? "non-negative" : "positive")} whole number (at most {long.MaxValue})");
        return v;
    }
}

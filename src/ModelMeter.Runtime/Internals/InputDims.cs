using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace ModelMeter.Runtime.Internals;

/// <summary>Resolves the symbolic dims of a session's inputs: the user's values, derived sums, else 1.</summary>
static class InputDims
{
    /// <summary>Symbol names the Hugging Face / ONNX Runtime GenAI exports use for the KV cache and the attention mask.</summary>
    const string Past = "past_sequence_length", Sequence = "sequence_length", Total = "total_sequence_length";

    /// <summary>
    /// A value for every symbol of <paramref name="inputs"/>: the user's (<c>--dim</c>); a symbol written as a sum (<c>past_sequence_length + 1</c>,
    /// as Optimum names the mask's dim) is the sum of its terms; <c>total_sequence_length</c> = <c>past_sequence_length</c> +
    /// <c>sequence_length</c> (a mask must cover the cached and the new tokens); any other symbol is 1.
    /// A <c>--dim</c> name that is no input's symbol is a usage error (it would silently do nothing).
    /// </summary>
    public static Dictionary<string, long> Resolve(IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, long>? user)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var meta in inputs.Values)
            for (int i = 0; i < meta.Dimensions.Length; i++)
                if (meta.Dimensions[i] <= 0 && i < meta.SymbolicDimensions.Length && !string.IsNullOrEmpty(meta.SymbolicDimensions[i]))
                    symbols.Add(meta.SymbolicDimensions[i]);
        foreach (var name in user?.Keys ?? [])
            if (!symbols.Contains(name))
                throw ModelMeterException.Usage($"--dim {name}: no input of the model has a dimension named '{name}' " +
                    $"(symbols: {(symbols.Count == 0 ? "none" : string.Join(", ", symbols))}; use --input NAME=DxD for unnamed dims)");
        long Base(string s) => user is not null && user.TryGetValue(s, out var v) ? v : 1;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in symbols)
        {
            if (user is not null && user.TryGetValue(s, out var v)) result[s] = v;
            else if (Sum(s, Base) is { } sum) result[s] = sum;
            else if (s == Total && symbols.Contains(Past) && symbols.Contains(Sequence)) result[s] = Base(Past) + Base(Sequence);
            else result[s] = 1;
        }
        return result;
    }

    /// <summary>The value of a symbol written as <c>a + b [+ …]</c> (terms: symbols or whole numbers); null when it is not a sum.</summary>
    static long? Sum(string symbol, Func<string, long> value)
    {
        if (!symbol.Contains('+', StringComparison.Ordinal)) return null;
        long total = 0;
        foreach (var term in symbol.Split('+', StringSplitOptions.TrimEntries))
        {
            if (term.Length == 0) return null;
            total = checked(total + (long.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : value(term)));
        }
        return total;
    }
}

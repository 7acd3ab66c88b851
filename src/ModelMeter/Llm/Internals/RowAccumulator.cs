using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>Sums params, bytes and the set of stored types per cost row.</summary>
internal sealed class RowAccumulator
{
    private readonly Dictionary<string, (long Params, long Bytes, SortedSet<string> Types)> _rows = new(StringComparer.Ordinal);

    public void Add(string row, long parameters, long bytes, string type)
    {
        if (!_rows.TryGetValue(row, out var r)) r = (0, 0, new SortedSet<string>(StringComparer.Ordinal));
        r.Types.Add(type);
        _rows[row] = (r.Params + parameters, r.Bytes + bytes, r.Types);
    }

    public IReadOnlyDictionary<string, LlmStoredRow> Build()
        => _rows.ToDictionary(kv => kv.Key, kv => new LlmStoredRow(kv.Key, kv.Value.Params, kv.Value.Bytes, string.Join("+", kv.Value.Types)), StringComparer.Ordinal);
}

using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Shapes;

/// <summary>
/// Turns dims into numbers for counting: symbols take the user's values (<c>--dim</c>); a symbol with no value counts
/// as 1 (and is recorded in <see cref="AssumedSymbols"/>); an unknown dim counts as 1 and is recorded too.
/// </summary>
public sealed class DimBinding
{
    private readonly IReadOnlyDictionary<string, long> _dims;
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Creates a binding from user values.</summary>
    public DimBinding(IReadOnlyDictionary<string, long>? dims) => _dims = dims ?? new Dictionary<string, long>();

    /// <summary>User-set values.</summary>
    public IReadOnlyDictionary<string, long> Dims => _dims;

    /// <summary>Symbols that had no value and were counted as 1.</summary>
    public IReadOnlyCollection<string> AssumedSymbols => _assumed;

    private readonly SortedSet<string> _dataDependent = new(StringComparer.Ordinal);

    /// <summary>
    /// Fresh symbols inference gave to sizes that depend on tensor contents (NonZero's count, NonMaxSuppression's
    /// selected boxes, Unique, Compress, TopK with a runtime k), as ONNX Runtime's symbolic shape inference does.
    /// </summary>
    public IReadOnlyCollection<string> DataDependentSymbols { get { lock (_dataDependent) return _dataDependent.ToList(); } }

    internal void AddDataDependent(string symbol)
    {
        lock (_dataDependent) _dataDependent.Add(symbol);
    }

    /// <summary>Number of unknown dims that were counted as 1.</summary>
    public int UnknownDimsCounted { get; private set; }

    /// <summary>The user's value for a symbol, or null.</summary>
    public long? UserValue(string symbol)
    {
        if (!_dims.TryGetValue(symbol, out var v)) return null;
        lock (_used) _used.Add(symbol);
        return v;
    }

    /// <summary>User-set symbols that no dimension of the model used (typos in <c>--dim</c>).</summary>
    public IEnumerable<string> UnusedUserSymbols
    {
        get { lock (_used) return _dims.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>The number a dim counts as.</summary>
    public long Evaluate(Dim d)
    {
        if (d.IsKnown) return d.Value;
        if (d.IsUnknown) { UnknownDimsCounted++; return 1; }
        var v = d.Evaluate(s =>
        {
            if (UserValue(s) is { } x) return x;
            lock (_assumed) _assumed.Add(s);
            return 1;
        });
        return Math.Max(0, v ?? 1);
    }

    /// <summary>Number of elements of a shape (1 for a scalar; 0 when a dim is 0; unknown rank counts as 1 element).</summary>
    public long Elements(Shape? shape)
    {
        if (shape is null) { UnknownDimsCounted++; return 1; }
        long n = 1;
        foreach (var d in shape.Dims) n = checked(n * Evaluate(d));
        return n;
    }

    /// <summary>
    /// A dim as a <see cref="Costs.Count"/>: the number <see cref="Evaluate"/> gives, and the dim with the user's values
    /// substituted as its formula (held at 0 from below where it could be negative, as the number is).
    /// </summary>
    public Count CountOf(Dim d)
    {
        if (d.IsKnown) return new Count(d.Value, Math.Max(0, d.Value));
        if (d.IsUnknown) { UnknownDimsCounted++; return new Count(1, Dim.Unknown); }
        // the same expression gives the same count (its symbols are already recorded as used or assumed)
        lock (_counts) if (_counts.TryGetValue(d, out var seen)) return seen;
        var c = CountOfSymbolic(d);
        lock (_counts) _counts[d] = c;
        return c;
    }

    private readonly Dictionary<Dim, Count> _counts = [];

    private Count CountOfSymbolic(Dim d)
    {
        long v = Evaluate(d);
        Dim f;
        try
        {
            f = d.Substitute(UserValue);
            if (!(f.LowerBound >= 0)) f = Dim.Max(f, 0);
        }
        catch (OverflowException) { f = Dim.Unknown; }
        return new Count(v, f);
    }

    /// <summary>Number of elements of a shape as a <see cref="Costs.Count"/> (an unknown rank counts as 1 element with no formula).</summary>
    public Count ElementsCount(Shape? shape)
    {
        if (shape is null) { UnknownDimsCounted++; return new Count(1, Dim.Unknown); }
        Count n = 1;
        foreach (var d in shape.Dims) n *= CountOf(d);
        return n;
    }

    /// <summary>Bytes of a tensor type as a <see cref="Costs.Count"/> (same rules as <see cref="Bytes"/>).</summary>
    public Count BytesCount(TensorType? t)
    {
        if (t is null) return 0;
        if (t is { Kind: ValueKind.Sequence, Items: { } items }) return Costs.Count.Sum(items.Select(BytesCount));
        if (t.Kind is ValueKind.Sequence or ValueKind.Optional) return t.Element is null ? 0 : BytesCount(t.Element);
        // a value's type is asked for by its producer, each reader and liveness: count it once (not when a dim is
        // unknown, whose every use is counted in UnknownDimsCounted)
        if (t.Shape is not { } shape || HasUnknown(shape)) return TensorBytes(t);
        lock (_bytes) if (_bytes.TryGetValue(t, out var seen)) return seen;
        var c = TensorBytes(t);
        lock (_bytes) _bytes[t] = c;
        return c;
    }

    private readonly Dictionary<TensorType, Count> _bytes = new(ReferenceEqualityComparer.Instance);

    private static bool HasUnknown(Shape shape)
    {
        foreach (var d in shape.Dims) if (d.IsUnknown) return true;
        return false;
    }

    private Count TensorBytes(TensorType t)
    {
        var e = ElementsCount(t.Shape);
        int bits = DataTypes.Bits(t.ElementType);
        return bits >= 8 ? e * (bits / 8) : (e * bits + 7) / 8;
    }

    /// <summary>Bytes of a tensor type (sequences: the sum of their known elements, else their element type once; unknown shapes count one element).</summary>
    public long Bytes(TensorType? t)
    {
        if (t is null) return 0;
        if (t is { Kind: ValueKind.Sequence, Items: { } items }) return items.Sum(Bytes);
        if (t.Kind is ValueKind.Sequence or ValueKind.Optional) return t.Element is null ? 0 : Bytes(t.Element);
        return DataTypes.Bytes(t.ElementType, Elements(t.Shape));
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>
/// A count (elements, MACs, FLOPs, bytes) as a number and as a formula of the model's free symbolic dims.
/// <see cref="Value"/> is what is counted today: symbols take their <c>--dim</c> values or count as 1, unknown dims
/// count as 1. <see cref="Formula"/> is the same count as an expression in the symbols that have no value
/// (<see cref="Dim.Unknown"/> when a dim it depends on is unknown): evaluated at any setting of those symbols it gives
/// exactly the <see cref="Value"/> that <c>--dim</c> with that setting gives. Arithmetic keeps both; a number converts
/// implicitly (a constant formula), and back to a number only explicitly, so no formula is dropped silently.
/// </summary>
public readonly struct Count : IEquatable<Count>
{
    /// <summary>Creates a count.</summary>
    public Count(long value, Dim formula)
    {
        Value = value;
        _formula = formula;
        _set = true;
    }

    private readonly Dim _formula;
    private readonly bool _set; // default(Count) is 0 with formula 0

    /// <summary>The number.</summary>
    public long Value { get; }

    /// <summary>The formula in the free symbols, or <see cref="Dim.Unknown"/>.</summary>
    public Dim Formula => _set ? _formula : Dim.Of(0);

    /// <summary>A constant count.</summary>
    public static implicit operator Count(long value) => new(value, value);

    /// <summary>The number (the formula is dropped).</summary>
    public static explicit operator long(Count c) => c.Value;

    /// <summary>The number (the formula is dropped).</summary>
    public long ToInt64() => Value;

    /// <summary>Sum (checked).</summary>
    public static Count operator +(Count a, Count b)
    {
        long v = checked(a.Value + b.Value);
        Dim f;
        try { f = a.Formula + b.Formula; } catch (OverflowException) { f = Dim.Unknown; }
        return new(v, f);
    }

    /// <summary>Difference (checked).</summary>
    public static Count operator -(Count a, Count b)
    {
        long v = checked(a.Value - b.Value);
        Dim f;
        try { f = a.Formula - b.Formula; } catch (OverflowException) { f = Dim.Unknown; }
        return new(v, f);
    }

    /// <summary>Product (checked).</summary>
    public static Count operator *(Count a, Count b)
    {
        long v = checked(a.Value * b.Value);
        Dim f;
        try { f = a.Formula * b.Formula; } catch (OverflowException) { f = Dim.Unknown; }
        return new(v, f);
    }

    /// <summary>Floor division by a positive number.</summary>
    public static Count operator /(Count a, long b) => new(Internals.DimMath.FloorDiv(a.Value, b), Safe(() => Dim.FloorDiv(a.Formula, b)));

    /// <summary>Floor division (exact where the counts divide, as element counts of one tensor do).</summary>
    public static Count operator /(Count a, Count b) => new(a.Value / b.Value, Safe(() => Dim.FloorDiv(a.Formula, b.Formula)));

    /// <summary>Product of counts (checked).</summary>
    public static Count Product(IEnumerable<Count> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Count p = 1;
        foreach (var c in counts) p *= c;
        return p;
    }

    /// <summary>The smaller count.</summary>
    public static Count Min(Count a, Count b) => new(Math.Min(a.Value, b.Value), Safe(() => Dim.Min(a.Formula, b.Formula)));

    /// <summary>The larger count.</summary>
    public static Count Max(Count a, Count b) => new(Math.Max(a.Value, b.Value), Safe(() => Dim.Max(a.Formula, b.Formula)));

    /// <summary>Sum of counts.</summary>
    public static Count Sum(IEnumerable<Count> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Count s = 0;
        foreach (var c in counts) s += c;
        return s;
    }

    private static Dim Safe(Func<Dim> f)
    {
        try { return f(); }
        catch (OverflowException) { return Dim.Unknown; }
    }

    /// <inheritdoc/>
    public bool Equals(Count other) => Value == other.Value && Formula.Equals(other.Formula);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Count c && Equals(c);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Formula);

    /// <summary>Equality.</summary>
    public static bool operator ==(Count a, Count b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Count a, Count b) => !a.Equals(b);

    /// <summary>The number, and the formula when it is not that number.</summary>
    public override string ToString() => Formula.IsKnown && Formula.Value == Value ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Value} ({Formula})";
}

using System.Globalization;
using ModelMeter.Internals;

namespace ModelMeter.Graphs;

/// <summary>
/// One tensor dimension: a known number, a symbolic expression, or unknown. An expression is a polynomial with
/// integer coefficients over named symbols (<c>batch</c>, <c>2*batch</c>, <c>past_sequence_length+sequence_length</c>)
/// and over <c>floor(a/b)</c>, <c>min(a,b)</c> and <c>max(a,b)</c> of expressions, so it is closed under the shape
/// arithmetic ONNX needs (+ − ×, floor and ceil division, mod, min, max); it is kept simplified and canonical.
/// Arithmetic on known dims is checked: a result that overflows 64 bits throws <see cref="OverflowException"/>.
/// </summary>
public readonly partial struct Dim : IEquatable<Dim>
{
    private const int MaxTerms = 4096;
    private readonly long _value;
    private readonly DimPoly? _poly; // symbolic when non-null
    private readonly bool _known;

    private Dim(long value) { _value = value; _known = true; _poly = null; }
    private Dim(DimPoly poly) { _poly = poly; _known = false; _value = 0; }

    /// <summary>An unknown dimension.</summary>
    public static Dim Unknown => default;

    /// <summary>A known dimension.</summary>
    public static Dim Of(long value) => new(value);

    /// <summary>A dimension named by a symbol (ONNX <c>dim_param</c>).</summary>
    public static Dim Symbol(string name) => string.IsNullOrEmpty(name) ? Unknown : Atom(DimAtom.Symbol(name));

    /// <summary>Conversion from a number.</summary>
    public static implicit operator Dim(long value) => new(value);

    /// <summary>True when the dimension is a number.</summary>
    public bool IsKnown => _known;

    /// <summary>True when the dimension is a symbolic expression.</summary>
    public bool IsSymbolic => _poly is not null;

    /// <summary>True when neither a number nor an expression is known.</summary>
    public bool IsUnknown => !_known && _poly is null;

    /// <summary>The number (throws when not known).</summary>
    public long Value => _known ? _value : throw new InvalidOperationException("dimension is not a known number");

    /// <summary>The number, or null.</summary>
    public long? TryValue => _known ? _value : null;

    /// <summary>The symbols the expression mentions.</summary>
    public IEnumerable<string> Symbols => _poly is null ? [] : _poly.Terms.SelectMany(t => t.Factors).SelectMany(f => f.Symbols).Distinct(StringComparer.Ordinal);

    private static Dim Atom(DimAtom a) => new(new DimPoly([new DimTerm([a], 1)]));

    private DimTerm[] AsTerms() => _known ? (_value == 0 ? [] : [new DimTerm([], _value)]) : _poly?.Terms ?? [];

    private static Dim FromTerms(IEnumerable<DimTerm> raw) => FromCanonical(DimMath.Canonical(raw));

    /// <summary>The dim of terms already in canonical form (merged, no zero, sorted).</summary>
    private static Dim FromCanonical(DimTerm[] terms)
    {
        if (terms.Length == 0) return new Dim(0);
        if (terms.Length == 1 && terms[0].Factors.Length == 0) return new Dim(terms[0].Coef);
        if (terms.Length > MaxTerms) return Unknown;
        return new Dim(new DimPoly(terms));
    }

    /// <summary>Sum.</summary>
    public static Dim operator +(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value + b._value));
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return Sum(a, b);
    }

    /// <summary>Negation.</summary>
    public static Dim operator -(Dim a) => a._known ? new Dim(checked(-a._value)) : a.IsUnknown ? Unknown : Scale(a._poly!, -1);

    /// <summary>Difference.</summary>
    public static Dim operator -(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value - b._value));
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return a + -b;
    }

    /// <summary>Product.</summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value * b._value));
        if (a._known && a._value == 0 || b._known && b._value == 0) return new Dim(0);
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (a._known) return Scale(b._poly!, a._value);
        if (b._known) return Scale(a._poly!, b._value);
        var at = a.AsTerms();
        var bt = b.AsTerms();
        if ((long)at.Length * bt.Length > MaxTerms) return Unknown;
        var terms = new List<DimTerm>(at.Length * bt.Length);
        foreach (var x in at)
            foreach (var y in bt)
                terms.Add(new DimTerm([.. x.Factors, .. y.Factors], checked(x.Coef * y.Coef)));
        return FromTerms(terms);
    }

    /// <summary>Exact quotient; unknown when the division is not exact or cannot be decided symbolically.</summary>
    public static Dim operator /(Dim a, Dim b)
    {
        if (a._known && b._known) return b._value != 0 && a._value % b._value == 0 ? new Dim(a._value / b._value) : Unknown;
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (a.Equals(b)) return new Dim(1);
        return ExactQuotient(a, b) ?? Unknown;
    }

    /// <summary>The quotient when every term of <paramref name="a"/> is a multiple of the single term of <paramref name="b"/>; else null.</summary>
    private static Dim? ExactQuotient(Dim a, Dim b)
    {
        var bt = b.AsTerms();
        if (bt.Length != 1 || bt[0].Coef == 0) return null;
        var div = bt[0];
        var result = new List<DimTerm>();
        foreach (var t in a.AsTerms())
        {
            if (t.Coef % div.Coef != 0 || RemoveFactors(t.Factors, div.Factors) is not { } rest) return null;
            result.Add(new DimTerm(rest, t.Coef / div.Coef));
        }
        return FromTerms(result);
    }

    private static DimAtom[]? RemoveFactors(DimAtom[] factors, DimAtom[] remove)
    {
        var rest = factors.ToList();
        foreach (var s in remove)
        {
            int i = rest.FindIndex(f => f.Key == s.Key);
            if (i < 0) return null;
            rest.RemoveAt(i);
        }
        return [.. rest];
    }

    /// <summary>Ceiling quotient by a positive number (for strided windows).</summary>
    public Dim CeilDiv(long d) => CeilDiv(this, d);

    /// <summary>Floor quotient by a number.</summary>
    public Dim FloorDiv(long d) => FloorDiv(this, d);

    /// <summary>Evaluates the dimension with values for its symbols; null when a symbol has no value, it is unknown, or a division is by zero.</summary>
    public long? Evaluate(Func<string, long?> binding)
    {
        if (_known) return _value;
        if (_poly is null) return null;
        long sum = 0;
        foreach (var t in _poly.Terms)
        {
            long p = t.Coef;
            foreach (var f in t.Factors)
            {
                var v = f.Evaluate(binding);
                if (v is null) return null;
                p = checked(p * v.Value);
            }
            sum = checked(sum + p);
        }
        return sum;
    }

    /// <summary>Replaces symbols that have a value by that value (and simplifies).</summary>
    public Dim Substitute(Func<string, long?> binding)
    {
        if (_poly is null) return this;
        Dim sum = 0;
        foreach (var t in _poly.Terms)
        {
            Dim p = t.Coef;
            foreach (var f in t.Factors) p *= f.Substitute(binding);
            sum += p;
        }
        return sum;
    }

    /// <summary>
    /// A lower bound of the value for any non-negative values of its symbols (dims are sizes), or null when none is
    /// found: the number itself, or the constant term plus what each positive term is at least.
    /// </summary>
    internal long? LowerBound
    {
        get
        {
            if (_known) return _value;
            if (_poly is null) return null;
            long c = 0;
            try
            {
                foreach (var t in _poly.Terms)
                {
                    if (t.Factors.Length == 0) { c = checked(c + t.Coef); continue; }
                    if (t.Coef <= 0) return null;
                    long p = t.Coef;
                    foreach (var f in t.Factors)
                    {
                        if (f.LowerBound() is not { } lb || (lb < 0 && t.Factors.Length > 1)) return null;
                        p = checked(p * lb);
                    }
                    c = checked(c + p);
                }
            }
            catch (OverflowException) { return null; }
            return c;
        }
    }

    /// <inheritdoc/>
    public bool Equals(Dim other) => _known ? other._known && _value == other._value
        : !other._known && (_poly is null ? other._poly is null : other._poly is not null && SamePoly(_poly, other._poly));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dim d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => _known ? _value.GetHashCode() : (_poly?.Key ?? "?").GetHashCode(StringComparison.Ordinal);

    /// <summary>Equality.</summary>
    public static bool operator ==(Dim a, Dim b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Dim a, Dim b) => !a.Equals(b);

    /// <summary>The number, the expression (<c>2*batch</c>, <c>floor((W+1)/2)</c>), or <c>?</c>.</summary>
    public override string ToString() => _known ? _value.ToString(CultureInfo.InvariantCulture) : _poly?.Text ?? "?";

    /// <summary>
    /// The number or expression in the grammar of docs/json-schema.md: integers, <c>+ - * ( )</c>, <c>floor(a/b)</c>,
    /// <c>min(a,b)</c>, <c>max(a,b)</c> and symbols written <c>{name}</c> (<c>\</c> and <c>}</c> in a name escaped by
    /// <c>\</c>); null when unknown.
    /// </summary>
    public string? ToExpression() => _known ? _value.ToString(CultureInfo.InvariantCulture) : _poly?.Key;
}

using System.Globalization;
using System.Text;

namespace ModelMeter.Graphs;

/// <summary>
/// One tensor dimension: a known number, a symbolic expression (a polynomial over named symbols such as
/// <c>batch</c>, <c>2*batch</c> or <c>past_sequence_length+sequence_length</c>), or unknown.
/// Arithmetic on known dims is checked: a product that overflows 64 bits throws <see cref="OverflowException"/>.
/// </summary>
public readonly struct Dim : IEquatable<Dim>
{
    private readonly long _value;
    private readonly Term[]? _terms; // symbolic when non-null; canonical (sorted, merged, no zero coefficients)
    private readonly bool _known;

    private Dim(long value) { _value = value; _known = true; _terms = null; }
    private Dim(Term[] terms) { _terms = terms; _known = false; _value = 0; }

    /// <summary>An unknown dimension.</summary>
    public static Dim Unknown => default;

    /// <summary>A known dimension.</summary>
    public static Dim Of(long value) => new(value);

    /// <summary>A dimension named by a symbol (ONNX <c>dim_param</c>).</summary>
    public static Dim Symbol(string name) => string.IsNullOrEmpty(name) ? Unknown : new Dim([new Term([name], 1)]);

    /// <summary>Conversion from a number.</summary>
    public static implicit operator Dim(long value) => new(value);

    /// <summary>True when the dimension is a number.</summary>
    public bool IsKnown => _known;

    /// <summary>True when the dimension is a symbolic expression.</summary>
    public bool IsSymbolic => _terms is not null;

    /// <summary>True when neither a number nor an expression is known.</summary>
    public bool IsUnknown => !_known && _terms is null;

    /// <summary>The number (throws when not known).</summary>
    public long Value => _known ? _value : throw new InvalidOperationException("dimension is not a known number");

    /// <summary>The number, or null.</summary>
    public long? TryValue => _known ? _value : null;

    /// <summary>The symbols the expression mentions.</summary>
    public IEnumerable<string> Symbols => _terms is null ? [] : _terms.SelectMany(t => t.Symbols).Distinct(StringComparer.Ordinal);

    /// <summary>Sum.</summary>
    public static Dim operator +(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value + b._value));
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return FromTerms(a.AsTerms().Concat(b.AsTerms()));
    }

    /// <summary>Difference.</summary>
    public static Dim operator -(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value - b._value));
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        return FromTerms(a.AsTerms().Concat(b.AsTerms().Select(t => t with { Coef = checked(-t.Coef) })));
    }

    /// <summary>Product.</summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (a._known && b._known) return new Dim(checked(a._value * b._value));
        if (a._known && a._value == 0 || b._known && b._value == 0) return new Dim(0);
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        var terms = new List<Term>();
        foreach (var x in a.AsTerms())
            foreach (var y in b.AsTerms())
                terms.Add(new Term([.. x.Symbols, .. y.Symbols], checked(x.Coef * y.Coef)));
        return FromTerms(terms);
    }

    /// <summary>Exact quotient; unknown when the division is not exact or cannot be decided symbolically.</summary>
    public static Dim operator /(Dim a, Dim b)
    {
        if (a._known && b._known) return b._value != 0 && a._value % b._value == 0 ? new Dim(a._value / b._value) : Unknown;
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (a.Equals(b)) return new Dim(1);
        var bt = b.AsTerms().ToArray();
        if (bt.Length != 1 || bt[0].Coef == 0) return Unknown;
        var div = bt[0];
        var result = new List<Term>();
        foreach (var t in a.AsTerms())
        {
            if (t.Coef % div.Coef != 0) return Unknown;
            var rest = t.Symbols.ToList();
            foreach (var s in div.Symbols)
                if (!rest.Remove(s)) return Unknown;
            result.Add(new Term([.. rest], t.Coef / div.Coef));
        }
        return FromTerms(result);
    }

    /// <summary>Ceiling quotient by a positive number (for strided windows); unknown when symbolic and not exact.</summary>
    public Dim CeilDiv(long d)
    {
        if (_known) return d > 0 ? new Dim((_value + d - 1) / d) : Unknown;
        return this / d;
    }

    /// <summary>Floor quotient by a positive number; unknown when symbolic and not exact.</summary>
    public Dim FloorDiv(long d)
    {
        if (_known) return d > 0 ? new Dim(_value / d - (_value % d < 0 ? 1 : 0)) : Unknown; // exact floor, no double rounding
        return this / d;
    }

    /// <summary>Evaluates the dimension with values for its symbols; null when a symbol has no value or it is unknown.</summary>
    public long? Evaluate(Func<string, long?> binding)
    {
        if (_known) return _value;
        if (_terms is null) return null;
        long sum = 0;
        foreach (var t in _terms)
        {
            long p = t.Coef;
            foreach (var s in t.Symbols)
            {
                var v = binding(s);
                if (v is null) return null;
                p = checked(p * v.Value);
            }
            sum = checked(sum + p);
        }
        return sum;
    }

    /// <summary>Replaces symbols that have a value by that value.</summary>
    public Dim Substitute(Func<string, long?> binding)
    {
        if (_terms is null) return this;
        var terms = new List<Term>();
        foreach (var t in _terms)
        {
            long c = t.Coef;
            var keep = new List<string>();
            foreach (var s in t.Symbols)
            {
                var v = binding(s);
                if (v is null) keep.Add(s); else c = checked(c * v.Value);
            }
            terms.Add(new Term([.. keep], c));
        }
        return FromTerms(terms);
    }

    /// <summary>
    /// A lower bound of the value for any non-negative values of its symbols (dims are sizes): the number itself, or
    /// the constant term of an expression whose symbolic terms all have positive coefficients; else null.
    /// </summary>
    internal long? LowerBound
    {
        get
        {
            if (_known) return _value;
            if (_terms is null) return null;
            long c = 0;
            foreach (var t in _terms)
            {
                if (t.Symbols.Length == 0) c = t.Coef;
                else if (t.Coef <= 0) return null;
            }
            return c;
        }
    }

    private IEnumerable<Term> AsTerms() => _known ? [new Term([], _value)] : _terms ?? [];

    private static Dim FromTerms(IEnumerable<Term> raw)
    {
        var merged = new SortedDictionary<string, Term>(StringComparer.Ordinal);
        foreach (var t in raw)
        {
            var syms = t.Symbols.OrderBy(s => s, StringComparer.Ordinal).ToArray();
            var key = string.Join("*", syms);
            merged[key] = merged.TryGetValue(key, out var old) ? old with { Coef = checked(old.Coef + t.Coef) } : new Term(syms, t.Coef);
        }
        var terms = merged.Values.Where(t => t.Coef != 0).ToArray();
        if (terms.Length == 0) return new Dim(0);
        if (terms.Length == 1 && terms[0].Symbols.Length == 0) return new Dim(terms[0].Coef);
        // constants last
        Array.Sort(terms, (x, y) => x.Symbols.Length == 0 ? 1 : y.Symbols.Length == 0 ? -1 :
            string.CompareOrdinal(string.Join("*", x.Symbols), string.Join("*", y.Symbols)));
        return new Dim(terms);
    }

    /// <inheritdoc/>
    public bool Equals(Dim other) => _known == other._known && _value == other._value && ToString() == other.ToString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dim d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => _known ? _value.GetHashCode() : ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Equality.</summary>
    public static bool operator ==(Dim a, Dim b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Dim a, Dim b) => !a.Equals(b);

    /// <summary>The number, the expression (<c>2*batch</c>), or <c>?</c>.</summary>
    public override string ToString()
    {
        if (_known) return _value.ToString(CultureInfo.InvariantCulture);
        if (_terms is null) return "?";
        var sb = new StringBuilder();
        foreach (var t in _terms)
        {
            if (sb.Length > 0) sb.Append(t.Coef < 0 ? "-" : "+");
            else if (t.Coef < 0) sb.Append('-');
            var c = Math.Abs(t.Coef);
            if (t.Symbols.Length == 0) { sb.Append(c.ToString(CultureInfo.InvariantCulture)); continue; }
            if (c != 1) sb.Append(c.ToString(CultureInfo.InvariantCulture)).Append('*');
            sb.Append(string.Join("*", t.Symbols));
        }
        return sb.ToString();
    }

    private readonly record struct Term(string[] Symbols, long Coef);
}

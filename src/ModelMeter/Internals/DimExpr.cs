using System.Globalization;
using System.Text;
using ModelMeter.Graphs;

namespace ModelMeter.Internals;

/// <summary>
/// A symbolic dim: a polynomial with integer coefficients over atoms (named symbols, <c>floor(a/b)</c>,
/// <c>min(a,b)</c>, <c>max(a,b)</c>), in canonical form (terms merged and sorted, factors sorted, no zero
/// coefficient), so two equal polynomials print, compare and hash alike.
/// </summary>
internal sealed class DimPoly
{
    public DimPoly(DimTerm[] terms) => Terms = terms;

    /// <summary>Terms, symbolic ones sorted by key, the constant (if any) last.</summary>
    public DimTerm[] Terms { get; }

    private string? _key, _text;

    /// <summary>The canonical grammar form (symbols as <c>{name}</c>): the identity of the expression.</summary>
    public string Key => _key ??= Print(true);

    /// <summary>The readable form (symbols by name).</summary>
    public string Text => _text ??= Print(false);

    public string Print(bool grammar)
    {
        var sb = new StringBuilder();
        foreach (var t in Terms)
        {
            if (sb.Length > 0) sb.Append(t.Coef < 0 ? "-" : "+");
            else if (t.Coef < 0) sb.Append('-');
            var c = t.Coef == long.MinValue ? "9223372036854775808" : Math.Abs(t.Coef).ToString(CultureInfo.InvariantCulture);
            if (t.Factors.Length == 0) { sb.Append(c); continue; }
            if (c != "1") sb.Append(c).Append('*');
            for (int i = 0; i < t.Factors.Length; i++)
            {
                if (i > 0) sb.Append('*');
                sb.Append(grammar ? t.Factors[i].Key : t.Factors[i].Text);
            }
        }
        return sb.ToString();
    }
}

/// <summary>One term: a coefficient times a product of atoms (repeated for powers; none for the constant).</summary>
internal readonly record struct DimTerm(DimAtom[] Factors, long Coef)
{
    /// <summary>The factors' keys joined by <c>*</c> (empty for the constant): terms with equal keys merge.</summary>
    public string Key => Factors.Length switch { 0 => "", 1 => Factors[0].Key, _ => string.Join("*", Factors.Select(f => f.Key)) };

    /// <summary>The order of terms in print: symbols before operations, then by name.</summary>
    public string SortKey => Factors.Length switch { 0 => "", 1 => Factors[0].SortKey, _ => string.Join("*", Factors.Select(f => f.SortKey)) };
}

/// <summary>The kinds of atom.</summary>
internal enum DimAtomKind { Symbol, Floor, Min, Max }

/// <summary>An indivisible factor of a term: a symbol, or an operation on two dims the polynomial cannot absorb.</summary>
internal sealed class DimAtom
{
    private DimAtom(DimAtomKind kind, string? name, Dim a, Dim b)
    {
        Kind = kind;
        Name = name;
        A = a;
        B = b;
        Key = kind switch
        {
            DimAtomKind.Symbol => "{" + Escape(name!) + "}",
            DimAtomKind.Floor => $"floor({Group(a.ToExpression()!, a)}/{Group(b.ToExpression()!, b)})",
            DimAtomKind.Min => $"min({a.ToExpression()},{b.ToExpression()})",
            _ => $"max({a.ToExpression()},{b.ToExpression()})",
        };
        Text = kind switch
        {
            DimAtomKind.Symbol => name!,
            DimAtomKind.Floor => $"floor({Group(a.ToString(), a)}/{Group(b.ToString(), b)})",
            DimAtomKind.Min => $"min({a},{b})",
            _ => $"max({a},{b})",
        };
    }

    /// <summary>A sum or a product in parentheses (the operands of a division).</summary>
    private static string Group(string text, Dim d) => d.IsSymbolic && !d.IsSingleAtom ? "(" + text + ")" : text;

    public DimAtomKind Kind { get; }
    public string? Name { get; }
    public Dim A { get; }
    public Dim B { get; }
    public string Key { get; }
    public string Text { get; }

    /// <summary>Orders factors: symbols by name first, then operations.</summary>
    public string SortKey => _sortKey ??= (Kind == DimAtomKind.Symbol ? "\u0001" : "\u0002") + Key;

    private string? _sortKey;

    public static DimAtom Symbol(string name) => new(DimAtomKind.Symbol, name, default, default);
    public static DimAtom Op(DimAtomKind kind, Dim a, Dim b) => new(kind, null, a, b);

    /// <summary>Escapes <c>\</c> and <c>}</c> in a symbol name written as <c>{name}</c>.</summary>
    public static string Escape(string name) => name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);

    /// <summary>The value under <paramref name="binding"/>, or null when a symbol has none or a division is by zero.</summary>
    public long? Evaluate(Func<string, long?> binding)
    {
        if (Kind == DimAtomKind.Symbol) return binding(Name!);
        if (A.Evaluate(binding) is not { } a || B.Evaluate(binding) is not { } b) return null;
        return Kind switch
        {
            DimAtomKind.Floor => b == 0 ? null : DimMath.FloorDiv(a, b),
            DimAtomKind.Min => Math.Min(a, b),
            _ => Math.Max(a, b),
        };
    }

    /// <summary>The atom with symbols that have a value replaced (re-simplified).</summary>
    public Dim Substitute(Func<string, long?> binding)
    {
        if (Kind == DimAtomKind.Symbol) return binding(Name!) is { } v ? Dim.Of(v) : Dim.Symbol(Name!);
        var a = A.Substitute(binding);
        var b = B.Substitute(binding);
        return Kind switch
        {
            DimAtomKind.Floor => Dim.FloorDiv(a, b),
            DimAtomKind.Min => Dim.Min(a, b),
            _ => Dim.Max(a, b),
        };
    }

    /// <summary>A lower bound when every symbol is at least 1 (dims are sizes), or null.</summary>
    public long? LowerBound()
    {
        switch (Kind)
        {
            case DimAtomKind.Symbol: return 1; // a symbolic size is taken to be at least 1 (0 is an empty tensor)
            case DimAtomKind.Floor:
                if (B.IsKnown && B.Value > 0 && A.LowerBound is { } la) return DimMath.FloorDiv(la, B.Value);
                return A.LowerBound >= 0 && B.LowerBound >= 1 ? 0 : null;
            case DimAtomKind.Min:
                return A.LowerBound is { } x && B.LowerBound is { } y ? Math.Min(x, y) : null;
            default:
                var p = A.LowerBound;
                var q = B.LowerBound;
                return p is null ? q : q is null ? p : Math.Max(p.Value, q.Value);
        }
    }

    /// <summary>The symbols the atom mentions.</summary>
    public IEnumerable<string> Symbols => Kind == DimAtomKind.Symbol ? [Name!] : A.Symbols.Concat(B.Symbols);
}

/// <summary>Integer helpers for dims.</summary>
internal static class DimMath
{
    /// <summary>Floored division (rounds toward −∞), checked.</summary>
    public static long FloorDiv(long a, long b)
    {
        if (b == -1) return checked(-a);
        long q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Floored modulo (sign of the divisor).</summary>
    public static long FloorMod(long a, long b) => b == -1 ? 0 : a - b * FloorDiv(a, b);

    /// <summary>Greatest common divisor of absolute values.</summary>
    public static long Gcd(long a, long b)
    {
        a = Math.Abs(a); b = Math.Abs(b);
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>
    /// Canonical polynomial from raw terms: factors sorted, equal terms merged (coefficients added in order, checked),
    /// zero terms dropped, then sorted by <see cref="DimTerm.SortKey"/> with the constant last.
    /// </summary>
    public static DimTerm[] Canonical(IEnumerable<DimTerm> raw) => Canonical(raw as DimTerm[] ?? raw.ToArray());

    /// <inheritdoc cref="Canonical(IEnumerable{DimTerm})"/>
    public static DimTerm[] Canonical(DimTerm[] raw)
    {
        // first occurrences in input order with their keys (a linear scan for the few terms shapes make; a map beyond)
        var terms = new DimTerm[raw.Length];
        var keys = new string[raw.Length];
        Dictionary<string, int>? index = raw.Length > 16 ? new(raw.Length, StringComparer.Ordinal) : null;
        int n = 0;
        foreach (var t in raw)
        {
            var f = t.Factors.Length > 1 ? SortFactors(t.Factors) : t.Factors;
            var term = new DimTerm(f, t.Coef);
            var key = term.Key;
            int at = -1;
            if (index is not null) { if (index.TryGetValue(key, out var j)) at = j; }
            else for (int j = 0; j < n; j++) if (string.Equals(keys[j], key, StringComparison.Ordinal)) { at = j; break; }
            if (at >= 0) terms[at] = terms[at] with { Coef = checked(terms[at].Coef + t.Coef) };
            else
            {
                index?.Add(key, n);
                keys[n] = key;
                terms[n++] = term;
            }
        }
        int live = 0;
        for (int j = 0; j < n; j++) if (terms[j].Coef != 0) live++;
        var sorted = new (string Key, DimTerm Value)[live];
        for (int j = 0, k = 0; j < n; j++) if (terms[j].Coef != 0) sorted[k++] = (terms[j].SortKey, terms[j]);
        // constants last, else ordinal by key
        if (live > 1) Array.Sort(sorted, static (x, y) => x.Key.Length == 0 ? (y.Key.Length == 0 ? 0 : 1) : y.Key.Length == 0 ? -1 : string.CompareOrdinal(x.Key, y.Key));
        var result = new DimTerm[live];
        for (int j = 0; j < live; j++) result[j] = sorted[j].Value;
        return result;
    }

    /// <summary>The factors ordered by <see cref="DimAtom.SortKey"/> (a stable sort; the same array when already in order).</summary>
    private static DimAtom[] SortFactors(DimAtom[] factors)
    {
        for (int i = 1; i < factors.Length; i++)
            if (string.CompareOrdinal(factors[i - 1].SortKey, factors[i].SortKey) > 0)
                return factors.OrderBy(x => x.SortKey, StringComparer.Ordinal).ToArray();
        return factors;
    }
}

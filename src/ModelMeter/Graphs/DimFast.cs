using ModelMeter.Internals;

namespace ModelMeter.Graphs;

// Short cuts of the arithmetic for the forms counting makes most (a polynomial times a number, plus a number, plus a
// polynomial of the same terms): each gives exactly what canonicalising the raw terms gives, without doing it.
public readonly partial struct Dim
{
    /// <summary>A symbolic polynomial times a nonzero number: the terms keep their order and stay distinct.</summary>
    private static Dim Scale(DimPoly p, long k)
    {
        if (k == 1) return new Dim(p);
        var t = p.Terms;
        var r = new DimTerm[t.Length];
        for (int i = 0; i < t.Length; i++) r[i] = new DimTerm(t[i].Factors, checked(t[i].Coef * k));
        return FromCanonical(r);
    }

    /// <summary>The sum of two dims that are not both numbers and neither unknown.</summary>
    private static Dim Sum(Dim a, Dim b)
    {
        if (a._known) return a._value == 0 ? b : AddConstant(b._poly!, a._value);
        if (b._known) return b._value == 0 ? a : AddConstant(a._poly!, b._value);
        var x = a._poly!.Terms;
        var y = b._poly!.Terms;
        if (x.Length == y.Length && SameFactors(x, y))
        {
            // the same terms in the same order: add coefficients pairwise, drop the zeros
            var r = new DimTerm[x.Length];
            int n = 0;
            for (int i = 0; i < x.Length; i++)
            {
                long c = checked(x[i].Coef + y[i].Coef);
                if (c != 0) r[n++] = new DimTerm(x[i].Factors, c);
            }
            return FromCanonical(n == r.Length ? r : r[..n]);
        }
        var raw = new DimTerm[x.Length + y.Length];
        x.CopyTo(raw, 0);
        y.CopyTo(raw, x.Length);
        return FromCanonical(DimMath.Canonical(raw));
    }

    /// <summary>A symbolic polynomial plus a nonzero number: the constant term (last) changes, appears or goes.</summary>
    private static Dim AddConstant(DimPoly p, long c)
    {
        var t = p.Terms;
        if (t[^1].Factors.Length == 0)
        {
            long sum = checked(t[^1].Coef + c);
            if (sum == 0) return FromCanonical(t[..^1]);
            var r = (DimTerm[])t.Clone();
            r[^1] = new DimTerm([], sum);
            return FromCanonical(r);
        }
        var grown = new DimTerm[t.Length + 1];
        t.CopyTo(grown, 0);
        grown[^1] = new DimTerm([], c);
        return FromCanonical(grown);
    }

    /// <summary>Equal canonical polynomials: the same terms (coefficients and factors) in the same order, which is what
    /// printing them alike means, without printing them.</summary>
    private static bool SamePoly(DimPoly a, DimPoly b)
    {
        if (ReferenceEquals(a, b)) return true;
        var x = a.Terms;
        var y = b.Terms;
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++) if (x[i].Coef != y[i].Coef) return false;
        return SameFactors(x, y);
    }

    private static bool SameFactors(DimTerm[] x, DimTerm[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            var f = x[i].Factors;
            var g = y[i].Factors;
            if (ReferenceEquals(f, g)) continue;
            if (f.Length != g.Length) return false;
            for (int j = 0; j < f.Length; j++)
                if (!ReferenceEquals(f[j], g[j]) && !string.Equals(f[j].Key, g[j].Key, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}

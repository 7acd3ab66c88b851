using ModelMeter.Internals;

namespace ModelMeter.Graphs;

public readonly partial struct Dim
{
    /// <summary>True when the expression is one atom with coefficient 1 (a symbol, <c>floor(..)</c>, <c>min(..)</c>, <c>max(..)</c>).</summary>
    internal bool IsSingleAtom => _poly is { Terms: [{ Coef: 1, Factors.Length: 1 }] };

    /// <summary>
    /// Floor division <c>floor(a/b)</c> (rounds toward −∞), simplified: multiples of the divisor leave the floor,
    /// common factors cancel and <c>floor((floor(x/p)+q)/r)</c> becomes <c>floor((x+p*q)/(p*r))</c>. Unknown when an
    /// operand is unknown or the divisor is 0.
    /// </summary>
    public static Dim FloorDiv(Dim a, Dim b)
    {
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (b._known)
        {
            long d = b._value;
            if (d == 0) return Unknown;
            if (a._known) return new Dim(DimMath.FloorDiv(a._value, d));
            if (d < 0) return d == long.MinValue ? Unknown : FloorDiv(-a, -d);
            if (d == 1) return a;
            return FloorByNumber(a, d);
        }
        if (a.Equals(b)) return new Dim(1);
        if (ExactQuotient(a, b) is { } exact) return exact;
        var bt = b.AsTerms();
        if (bt.Length == 1 && bt[0].Coef > 0)
        {
            // floor((c*B*X + R)/(c*B)) = X + floor(R/(c*B)) for integer X
            var div = bt[0];
            var q = new List<DimTerm>();
            var r = new List<DimTerm>();
            foreach (var t in a.AsTerms())
            {
                if (RemoveFactors(t.Factors, div.Factors) is { } rest && DimMath.FloorDiv(t.Coef, div.Coef) is var qc && qc != 0)
                {
                    q.Add(new DimTerm(rest, qc));
                    var rc = DimMath.FloorMod(t.Coef, div.Coef);
                    if (rc != 0) r.Add(t with { Coef = rc });
                }
                else r.Add(t);
            }
            if (q.Count > 0)
            {
                var rem = FromTerms(r);
                return FromTerms(q) + (rem._known && rem._value == 0 ? new Dim(0) : Atom(DimAtom.Op(DimAtomKind.Floor, rem, b)));
            }
        }
        return Atom(DimAtom.Op(DimAtomKind.Floor, a, b));
    }

    private static Dim FloorByNumber(Dim a, long d)
    {
        var q = new List<DimTerm>();
        var r = new List<DimTerm>();
        foreach (var t in a.AsTerms())
        {
            long qc = DimMath.FloorDiv(t.Coef, d), rc = DimMath.FloorMod(t.Coef, d);
            if (qc != 0) q.Add(t with { Coef = qc });
            if (rc != 0) r.Add(t with { Coef = rc });
        }
        var quotient = FromTerms(q);
        var rem = FromTerms(r);
        if (rem._known) return quotient + DimMath.FloorDiv(rem._value, d); // a constant in [0, d): 0
        var terms = rem.AsTerms();
        // floor((floor(x/p) + rest)/d) = floor((x + p*rest)/(p*d)) for positive p
        var nested = terms.Where(t => t is { Coef: 1, Factors: [{ Kind: DimAtomKind.Floor, B.IsKnown: true } f] } && f.B.Value > 0).ToList();
        if (nested.Count == 1)
        {
            var f = nested[0].Factors[0];
            try { return quotient + FloorDiv(f.A + f.B * (rem - Atom(f)), checked(f.B.Value * d)); }
            catch (OverflowException) { }
        }
        long g = d;
        foreach (var t in terms) g = DimMath.Gcd(g, t.Coef);
        if (g > 1) { rem = FromTerms(terms.Select(t => t with { Coef = t.Coef / g })); d /= g; }
        return quotient + Atom(DimAtom.Op(DimAtomKind.Floor, rem, d));
    }

    /// <summary>Ceiling division <c>ceil(a/b)</c> for a positive divisor, written as <c>floor((a+b-1)/b)</c>.</summary>
    public static Dim CeilDiv(Dim a, Dim b)
    {
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (b._known && b._value <= 0)
        {
            if (b._value == 0) return Unknown;
            return -FloorDiv(-a, b); // ceil(x) = -floor(-x)
        }
        return FloorDiv(a + b - 1, b);
    }

    /// <summary>Floored modulo <c>a - b*floor(a/b)</c> (the sign of the divisor, like ONNX integer Mod with fmod=0).</summary>
    public static Dim Mod(Dim a, Dim b)
    {
        if (a._known && b._known) return b._value == 0 ? Unknown : new Dim(DimMath.FloorMod(a._value, b._value));
        var q = FloorDiv(a, b);
        return q.IsUnknown ? Unknown : a - b * q;
    }

    /// <summary>Minimum; decided when the difference has a sign for every non-negative value of the symbols.</summary>
    public static Dim Min(Dim a, Dim b) => MinMax(a, b, false);

    /// <summary>Maximum; decided when the difference has a sign for every non-negative value of the symbols.</summary>
    public static Dim Max(Dim a, Dim b) => MinMax(a, b, true);

    private static Dim MinMax(Dim a, Dim b, bool max)
    {
        if (a.IsUnknown || b.IsUnknown) return Unknown;
        if (a._known && b._known) return new Dim(max ? Math.Max(a._value, b._value) : Math.Min(a._value, b._value));
        if (a.Equals(b)) return a;
        try
        {
            if ((a - b).LowerBound >= 0) return max ? a : b;
            if ((b - a).LowerBound >= 0) return max ? b : a;
        }
        catch (OverflowException) { }
        if (string.CompareOrdinal(a.ToExpression(), b.ToExpression()) > 0) (a, b) = (b, a);
        return Atom(DimAtom.Op(max ? DimAtomKind.Max : DimAtomKind.Min, a, b));
    }
}

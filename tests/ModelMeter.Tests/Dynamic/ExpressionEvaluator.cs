using System.Globalization;

namespace ModelMeter.Tests.Dynamic;

/// <summary>
/// An evaluator of the expression grammar of docs/json-schema.md written independently of the library: integers,
/// <c>+ - * ( )</c>, a unary minus, <c>floor(a/b)</c>, <c>ceil(a/b)</c>, <c>min(a,b)</c>, <c>max(a,b)</c> and
/// symbols <c>{name}</c> (with <c>\</c> escaping <c>\</c> and <c>}</c>). Arithmetic in <see cref="System.Numerics.BigInteger"/>.
/// </summary>
internal sealed class ExpressionEvaluator
{
    private readonly string _s;
    private readonly IReadOnlyDictionary<string, long> _symbols;
    private int _pos;

    private ExpressionEvaluator(string s, IReadOnlyDictionary<string, long> symbols) { _s = s; _symbols = symbols; }

    /// <summary>The value of <paramref name="expression"/> with the given symbol values.</summary>
    public static System.Numerics.BigInteger Evaluate(string expression, IReadOnlyDictionary<string, long> symbols)
    {
        var e = new ExpressionEvaluator(expression, symbols);
        var v = e.Sum();
        if (e._pos != e._s.Length) throw new FormatException($"unexpected '{e._s[e._pos]}' at {e._pos} in {expression}");
        return v;
    }

    /// <summary>The symbol names an expression mentions.</summary>
    public static HashSet<string> Symbols(string expression)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < expression.Length; i++)
        {
            if (expression[i] != '{') continue;
            var sb = new System.Text.StringBuilder();
            for (i++; expression[i] != '}'; i++) sb.Append(expression[i] == '\\' ? expression[++i] : expression[i]);
            names.Add(sb.ToString());
        }
        return names;
    }

    private System.Numerics.BigInteger Sum()
    {
        var v = Product();
        while (_pos < _s.Length && (_s[_pos] == '+' || _s[_pos] == '-'))
        {
            char op = _s[_pos++];
            var r = Product();
            v = op == '+' ? v + r : v - r;
        }
        return v;
    }

    private System.Numerics.BigInteger Product()
    {
        var v = Unary();
        while (_pos < _s.Length && _s[_pos] == '*') { _pos++; v *= Unary(); }
        return v;
    }

    private System.Numerics.BigInteger Unary()
    {
        if (_s[_pos] == '-') { _pos++; return -Unary(); }
        return Primary();
    }

    private System.Numerics.BigInteger Primary()
    {
        char c = _s[_pos];
        if (char.IsDigit(c))
        {
            int start = _pos;
            while (_pos < _s.Length && char.IsDigit(_s[_pos])) _pos++;
            return System.Numerics.BigInteger.Parse(_s[start.._pos], CultureInfo.InvariantCulture);
        }
        if (c == '(') { _pos++; var v = Sum(); Expect(')'); return v; }
        if (c == '{')
        {
            var sb = new System.Text.StringBuilder();
            for (_pos++; _s[_pos] != '}'; _pos++) sb.Append(_s[_pos] == '\\' ? _s[++_pos] : _s[_pos]);
            _pos++;
            return _symbols.TryGetValue(sb.ToString(), out var x) ? x : throw new KeyNotFoundException($"no value for symbol '{sb}'");
        }
        foreach (var fn in new[] { "floor", "ceil", "min", "max" })
        {
            if (string.CompareOrdinal(_s, _pos, fn + "(", 0, fn.Length + 1) != 0) continue;
            _pos += fn.Length + 1;
            var a = Sum();
            Expect(fn is "floor" or "ceil" ? '/' : ',');
            var b = Sum();
            Expect(')');
            return fn switch
            {
                "floor" => FloorDiv(a, b),
                "ceil" => -FloorDiv(-a, b),
                "min" => System.Numerics.BigInteger.Min(a, b),
                _ => System.Numerics.BigInteger.Max(a, b),
            };
        }
        throw new FormatException($"unexpected '{c}' at {_pos} in {_s}");
    }

    private static System.Numerics.BigInteger FloorDiv(System.Numerics.BigInteger a, System.Numerics.BigInteger b)
    {
        var q = System.Numerics.BigInteger.DivRem(a, b, out var r);
        return r != 0 && (r.Sign != b.Sign) ? q - 1 : q;
    }

    private void Expect(char c)
    {
        if (_pos >= _s.Length || _s[_pos] != c) throw new FormatException($"expected '{c}' at {_pos} in {_s}");
        _pos++;
    }
}

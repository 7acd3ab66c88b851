using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests.Dynamic;

/// <summary>
/// Dim expressions: the ONNX output-size formulas (Conv/Pool: <c>floor((W + pads − dilation·(k−1) − 1)/s) + 1</c>,
/// ceil mode, Mod, Min, Max) stay exact, simplify to the forms worked out by hand, and evaluate exactly.
/// </summary>
public sealed class DimExpressionTests
{
    private static readonly Dim W = Dim.Symbol("W");
    private static readonly Dim N = Dim.Symbol("N");

    [Fact]
    public void A_strided_conv_output_is_a_floor_and_stride_2_pad_1_kernel_3_is_ceil_of_half()
    {
        // floor((W + 2 - 3)/2) + 1 = floor((W+1)/2) = ceil(W/2)
        var o = Dim.FloorDiv(W + 2 - 3, 2) + 1;
        Assert.Equal("floor((W+1)/2)", o.ToString());
        Assert.Equal("floor(({W}+1)/2)", o.ToExpression());
        Assert.Equal(Dim.CeilDiv(W, 2), o);
        foreach (var w in new long[] { 1, 2, 3, 100, 101 })
            Assert.Equal((w + 2 - 3) / 2 + 1, o.Evaluate(_ => w));
    }

    [Fact]
    public void Nested_strided_windows_collapse_into_one_floor()
    {
        // two kernel-3 stride-2 pad-1 convs: ceil(ceil(W/2)/2) = ceil(W/4) = floor((W+3)/4)
        var once = Dim.FloorDiv(W + 2 - 3, 2) + 1;
        var twice = Dim.FloorDiv(once + 2 - 3, 2) + 1;
        Assert.Equal("floor((W+3)/4)", twice.ToString());
        // height 48 pooled by 2 three times is a number; a symbolic batch multiplies through
        Assert.Equal(6, (Dim.FloorDiv(Dim.FloorDiv(Dim.FloorDiv(48, 2), 2), 2)).Value);
        Assert.Equal("6*N*floor((W+3)/4)", (N * 6 * twice).ToString());
    }

    [Fact]
    public void Exact_multiples_leave_the_floor_and_common_factors_cancel()
    {
        Assert.Equal(N * 3, Dim.FloorDiv(N * 6 + 1, 2));
        Assert.Equal("floor(W/2)", Dim.FloorDiv(W * 2, 4).ToString());
        Assert.Equal(W, Dim.FloorDiv(W * N, N));
        Assert.Equal("W+floor(1/N)", Dim.FloorDiv(W * N + 1, N).ToString());
        Assert.Equal(Dim.Of(1), Dim.FloorDiv(W + N, W + N));
    }

    [Fact]
    public void Mod_min_and_max_follow_onnx_semantics()
    {
        Assert.Equal(-1 % 3 + 3, Dim.Mod(-1, 3).Value); // floored: sign of the divisor
        var m = Dim.Mod(W, 4);
        Assert.Equal("W-4*floor(W/4)", m.ToString());
        Assert.Equal(3, m.Evaluate(_ => 7));
        Assert.Equal(W + 1, Dim.Max(W, W + 1));      // decided: W+1 ≥ W for every W
        Assert.Equal(Dim.Of(0), Dim.Min(W, 0));       // sizes are non-negative
        Assert.Equal("min(N,W)", Dim.Min(W, N).ToString());
        Assert.Equal(Dim.Min(N, W), Dim.Min(W, N));   // canonical argument order
        Assert.Equal(5, Dim.Min(W, N).Evaluate(s => s == "W" ? 5 : 9));
    }

    [Fact]
    public void Substitution_simplifies_to_a_number_and_keeps_unbound_symbols()
    {
        var e = Dim.FloorDiv(W - 1, 2) * N + Dim.Max(W, N);
        Assert.Equal(Dim.Of(3 * 4 + 8), e.Substitute(_ => s_values[_]));
        var partial = e.Substitute(s => s == "W" ? 7 : null);
        Assert.Equal("3*N+max(7,N)", partial.ToString());
    }

    private static readonly Dictionary<string, long?> s_values = new() { ["W"] = 8, ["N"] = 4 };

    [Fact]
    public void Symbol_names_are_braced_and_escaped_in_the_grammar()
    {
        var odd = Dim.Symbol("a}b\\c");
        Assert.Equal("{a\\}b\\\\c}", odd.ToExpression());
        Assert.Equal(new HashSet<string> { "a}b\\c" }, ExpressionEvaluator.Symbols(odd.ToExpression()!));
    }

    /// <summary>
    /// Random expressions built with the Dim operations evaluate, at random symbol values, to what the same operations
    /// on plain integers give, and their printed grammar form evaluates to the same with an independent evaluator.
    /// </summary>
    [Fact]
    public void Random_expressions_agree_with_integer_arithmetic_and_with_their_printed_form()
    {
        var rng = new Random(12);
        string[] names = ["a", "b", "c"];
        for (int trial = 0; trial < 400; trial++)
        {
            var values = names.ToDictionary(n => n, _ => (long)rng.Next(1, 40)); // symbolic sizes are at least 1
            var (dim, value) = Build(rng, values, 4);
            var printed = dim.ToExpression()!;
            Assert.Equal(value, dim.Evaluate(s => values[s]));
            Assert.Equal(value, (long)ExpressionEvaluator.Evaluate(printed, values));
            var bound = dim.Substitute(s => values[s]);
            Assert.True(bound.IsKnown, $"{printed} with every symbol bound is {bound}");
            Assert.Equal(value, bound.Value);
        }
    }

    private static (Dim, long) Build(Random rng, Dictionary<string, long> values, int depth)
    {
        if (depth == 0 || rng.Next(4) == 0)
        {
            if (rng.Next(3) == 0) { long c = rng.Next(-5, 9); return (c, c); }
            var n = "abc"[rng.Next(3)].ToString();
            return (Dim.Symbol(n), values[n]);
        }
        var (x, xv) = Build(rng, values, depth - 1);
        var (y, yv) = Build(rng, values, depth - 1);
        long k = rng.Next(1, 6);
        switch (rng.Next(8))
        {
            case 0: return (x + y, xv + yv);
            case 1: return (x - y, xv - yv);
            case 2: return (x * y, xv * yv);
            case 3: return (Dim.FloorDiv(x, k), Floor(xv, k));
            case 4: return (Dim.CeilDiv(x, k), -Floor(-xv, k));
            case 5: return (Dim.Mod(x, k), xv - k * Floor(xv, k));
            case 6: return (Dim.Min(x, y), Math.Min(xv, yv));
            default:
                // division by a symbol only where it is positive at this setting
                if (yv > 0 && y.IsSymbolic) return (Dim.FloorDiv(x, y), Floor(xv, yv));
                return (Dim.Max(x, y), Math.Max(xv, yv));
        }
    }

    private static long Floor(long a, long b) => (long)Math.Floor((decimal)a / b);
}

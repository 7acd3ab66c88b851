namespace ModelMeter.Ops;

/// <summary>
/// FLOPs per output element of the elementwise operators (docs/counting.md). Base costs: 1 for add, sub, mul,
/// compare, min/max, abs, neg, relu and the logical ops; <see cref="Div"/> for div/sqrt/reciprocal (a special-function
/// unit runs at a quarter of the FMA rate); <see cref="Transcendental"/> for exp/log/sin/cos/tan/tanh/erf/atan…
/// (one special-function instruction plus range reduction). Composite activations are the sum of their parts.
/// </summary>
internal static class FlopTable
{
    /// <summary>Cost of div, sqrt, reciprocal.</summary>
    public const long Div = 4;

    /// <summary>Cost of exp, log, sin, cos, tanh, erf and other transcendental functions.</summary>
    public const long Transcendental = 8;

    /// <summary>
    /// Softmax FLOPs per attention score inside the fused attention ops (max, subtract, exp, sum, divide; the 1/√d scale
    /// folded into Q): the LLM cost model's convention (docs/counting.md), so an exported decoder
    /// counts the same attention FLOPs as <c>modelmeter llm</c>. A standalone Softmax node keeps its per-element cost.
    /// </summary>
    public const long AttentionSoftmax = 5;

    private static readonly Dictionary<string, long> s_table = new(StringComparer.Ordinal)
    {
        // 1 flop: arithmetic, comparison, selection, logic
        ["Add"] = 1, ["Sub"] = 1, ["Mul"] = 1, ["Max"] = 1, ["Min"] = 1, ["Sum"] = 1, ["Abs"] = 1, ["Neg"] = 1,
        ["Relu"] = 1, ["Floor"] = 1, ["Ceil"] = 1, ["Round"] = 1, ["Sign"] = 1, ["Equal"] = 1, ["Less"] = 1,
        ["Greater"] = 1, ["LessOrEqual"] = 1, ["GreaterOrEqual"] = 1, ["And"] = 1, ["Or"] = 1, ["Xor"] = 1, ["Not"] = 1,
        ["BitShift"] = 1, ["BitwiseAnd"] = 1, ["BitwiseOr"] = 1, ["BitwiseXor"] = 1, ["BitwiseNot"] = 1, ["IsNaN"] = 1,
        ["IsInf"] = 1, ["Where"] = 1,
        // x*slope, compare: 2
        ["LeakyRelu"] = 2, ["PRelu"] = 2, ["ThresholdedRelu"] = 1, ["Clip"] = 2, ["Shrink"] = 3,
        ["Mean"] = 2, // add + the final division amortised
        ["Mod"] = Div + 2, // x - y*trunc(x/y)
        ["Div"] = Div, ["Sqrt"] = Div, ["Reciprocal"] = Div,
        ["Exp"] = Transcendental, ["Log"] = Transcendental, ["Sin"] = Transcendental, ["Cos"] = Transcendental,
        ["Tan"] = Transcendental, ["Asin"] = Transcendental, ["Acos"] = Transcendental, ["Atan"] = Transcendental,
        ["Sinh"] = Transcendental, ["Cosh"] = Transcendental, ["Asinh"] = Transcendental, ["Acosh"] = Transcendental,
        ["Atanh"] = Transcendental, ["Tanh"] = Transcendental, ["Erf"] = Transcendental,
        ["Pow"] = 2 * Transcendental + 1, // exp(y*log(x))
        ["Sigmoid"] = Transcendental + 1 + Div, // 1/(1+exp(-x))
        ["HardSigmoid"] = 4, // alpha*x+beta, clamp to [0,1]
        ["HardSwish"] = 5, // x * hardsigmoid(x)
        ["Softplus"] = 2 * Transcendental + 1, // log(1+exp(x))
        ["Softsign"] = 2 + Div, // x/(1+|x|)
        ["Elu"] = Transcendental + 3, // x<0 ? alpha*(exp(x)-1) : x
        ["Selu"] = Transcendental + 4,
        ["Celu"] = Transcendental + Div + 4,
        ["Mish"] = 3 * Transcendental + 2, // x*tanh(log(1+exp(x)))
        ["Gelu"] = Transcendental + 4, // 0.5*x*(1+erf(x/sqrt2)); tanh approximation: Transcendental + 7
        ["Swish"] = Transcendental + 2 + Div, // x*sigmoid(alpha*x)
        ["QuickGelu"] = Transcendental + 2 + Div,
        ["FastGelu"] = Transcendental + 7,
        ["BiasGelu"] = Transcendental + 5,
    };

    /// <summary>FLOPs per output element of <paramref name="opType"/> (1 when not listed).</summary>
    public static long PerElement(string opType) => s_table.TryGetValue(opType, out var v) ? v : 1;

    /// <summary>The whole table, for docs.</summary>
    public static IReadOnlyDictionary<string, long> All => s_table;
}

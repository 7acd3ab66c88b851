using System.Globalization;
using System.Text;

namespace ModelMeter.Costs;

/// <summary>The seed chapter's quantities for one layer, each with its formula and substituted numbers.</summary>
/// <param name="Kind">Layer type.</param>
/// <param name="Params">Parameters (weights, plus c_out when a bias is counted).</param>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="Flops">Floating-point operations: 2·MACs (+ one per output element for a bias).</param>
/// <param name="InputBytes">Bytes of the input feature map.</param>
/// <param name="WeightBytes">Bytes of the parameters.</param>
/// <param name="OutputBytes">Bytes of the output feature map.</param>
/// <param name="Quantities">Params, MACs, FLOPs and memory access with their derivations, in that order.</param>
public sealed record LayerResult(
    LayerKind Kind,
    long Params,
    long Macs,
    long Flops,
    long InputBytes,
    long WeightBytes,
    long OutputBytes,
    IReadOnlyList<LayerQuantity> Quantities)
{
    /// <summary>Memory access cost in bytes (ShuffleNet V2): input + weights + output.</summary>
    public long MemoryAccessBytes => InputBytes + WeightBytes + OutputBytes;

    /// <summary>
    /// For each quantity: the formula, the formula with the numbers substituted, and the result, e.g.
    /// <c>MACs = k_h·k_w·c_in·c_out·H·W / g</c>, <c>     = 3·3·64·128·56·56 / 4</c>, <c>     = 57,802,752</c>.
    /// </summary>
    public string Explain()
    {
        var sb = new StringBuilder();
        foreach (var q in Quantities)
        {
            var pad = new string(' ', q.Name.Length + 1);
            sb.Append(q.Name).Append(" = ").Append(q.Formula).Append('\n');
            sb.Append(pad).Append("= ").Append(q.Substituted).Append('\n');
            sb.Append(pad).Append("= ").Append(Format(q.Value)).Append(q.Unit.Length > 0 ? " " + q.Unit : "").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A number with thousands separators (invariant culture): 57,802,752.</summary>
    public static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

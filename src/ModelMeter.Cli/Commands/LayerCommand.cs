using System.CommandLine;
using System.Globalization;
using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Cli.Commands;

/// <summary>
/// <c>modelmeter layer conv|fc|dwconv|gconv</c>: the seed chapter's formulas for one layer (<see cref="LayerFormulas"/>);
/// <c>--explain</c> prints each formula, then the numbers substituted, then the result.
/// </summary>
internal static class LayerCommand
{
    /// <summary>Layer kinds accepted as the first argument.</summary>
    public static readonly string[] Kinds = ["conv", "fc", "dwconv", "gconv"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("KIND") { Description = "conv, fc (fully connected), dwconv (depth-wise) or gconv (group conv)" };
        kind.AcceptOnlyFromAmong(Kinds);
        var cin = new Option<long?>("--cin") { Description = "Input channels c_in" };
        var cout = new Option<long?>("--cout") { Description = "Output channels c_out" };
        var channels = new Option<long?>("--channels") { Description = "Channels of a depth-wise conv (c_in = c_out)" };
        var kernel = new Option<string?>("--kernel") { Description = "Kernel size: 3 or 3x3" };
        var outSize = new Option<string?>("--out") { Description = "Output feature map H×W: 56x56 (or 56)" };
        var groups = new Option<long?>("--groups") { Description = "Groups g (conv with g > 1 is a group conv)" };
        var dtype = new Option<string>("--dtype") { Description = "Element type for memory access bytes", DefaultValueFactory = _ => "float32" };
        var stride = new Option<long?>("--stride") { Description = "Stride (input = stride·H × stride·W)" };
        var bias = new Option<bool>("--bias") { Description = "Count a bias (the chapter's formulas leave it out)" };
        var explain = new Option<bool>("--explain") { Description = "Print each formula, the numbers substituted, and the result" };
        var cmd = new Command("layer", "Params, MACs, FLOPs and memory access of one layer by the seed chapter's formulas")
        {
            kind, cin, cout, channels, kernel, outSize, groups, dtype, stride, bias, explain,
        };
        cmd.SetAction(p =>
        {
            var k = p.GetValue(kind)!;
            var options = new LayerOptions(Bias: p.GetValue(bias), DataType: ParseDType(p.GetValue(dtype) ?? "float32"), Stride: Positive(p.GetValue(stride), "--stride"));
            var result = Compute(k, p.GetValue(cin), p.GetValue(cout), p.GetValue(channels), p.GetValue(kernel), p.GetValue(outSize), p.GetValue(groups), options);
            Write(context.Out, result, p.GetValue(explain));
            return 0;
        });
        return cmd;
    }

    private static LayerResult Compute(string kind, long? cin, long? cout, long? channels, string? kernel, string? outSize, long? groups, LayerOptions o)
    {
        switch (kind)
        {
            case "fc":
                return LayerFormulas.FullyConnected(Required(cin, "--cin", kind), Required(cout, "--cout", kind), o);
            case "dwconv":
            {
                var c = Positive(channels ?? cin, "--channels") ?? throw ModelMeterException.Usage("layer dwconv: --channels is required");
                var (kh, kw) = Pair(kernel, "--kernel", kind);
                var (h, w) = Pair(outSize, "--out", kind);
                return LayerFormulas.DepthwiseConv(c, kh, kw, h, w, o);
            }
            default:
            {
                var ci = Required(cin, "--cin", kind);
                var co = Required(cout, "--cout", kind);
                var (kh, kw) = Pair(kernel, "--kernel", kind);
                var (h, w) = Pair(outSize, "--out", kind);
                var g = Positive(groups, "--groups") ?? (kind == "gconv" ? throw ModelMeterException.Usage("layer gconv: --groups is required") : 1);
                return g == 1 && kind == "conv"
                    ? LayerFormulas.Conv(ci, co, kh, kw, h, w, o)
                    : LayerFormulas.GroupConv(ci, co, kh, kw, h, w, g, o);
            }
        }
    }

    private static void Write(TextWriter w, LayerResult r, bool explain)
    {
        if (explain)
        {
            w.Write(r.Explain());
            return;
        }
        int width = r.Quantities.Max(q => q.Name.Length) + 2;
        foreach (var q in r.Quantities)
            w.WriteLine($"{q.Name.PadRight(width)}{LayerResult.Format(q.Value)}{(q.Unit.Length > 0 ? " " + q.Unit : "")}");
    }

    private static long Required(long? v, string option, string kind) =>
        Positive(v, option) ?? throw ModelMeterException.Usage($"layer {kind}: {option} is required");

    private static long? Positive(long? v, string option) =>
        v is null or > 0 ? v : throw ModelMeterException.Usage($"{option} {v}: must be a positive whole number");

    private static (long, long) Pair(string? text, string option, string kind)
    {
        if (text is null) throw ModelMeterException.Usage($"layer {kind}: {option} is required (e.g. {option} 3x3)");
        var parts = text.Split('x', 'X');
        if (parts.Length is < 1 or > 2 || !parts.All(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
            throw ModelMeterException.Usage($"{option} '{text}': expected N or HxW with positive whole numbers");
        var a = long.Parse(parts[0], CultureInfo.InvariantCulture);
        return (a, parts.Length == 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : a);
    }

    private static DataType ParseDType(string name)
    {
        try { return DataTypes.Parse(name); }
        catch (ArgumentException) { throw ModelMeterException.Usage($"--dtype '{name}': unknown element type (float32, float16, bfloat16, int8, …)"); }
    }
}

using ModelMeter.Costs;

namespace ModelMeter.Reports;

/// <summary>
/// The seed chapter's layer formula behind one node's MACs (<see cref="LayerFormulas"/>, as <c>modelmeter layer KIND --explain</c>
/// prints it), with this node's numbers: the formula counts one sample, <see cref="Count"/> samples (batch × positions) make the node.
/// Only attached when <see cref="LayerFormulas"/> × <see cref="Count"/> reproduces the node's counted MACs exactly.
/// </summary>
/// <param name="Kind"><c>conv</c>, <c>gconv</c>, <c>dwconv</c> or <c>fc</c> (the <c>layer</c> command's kinds).</param>
/// <param name="CIn">Input channels c_in (fc: input features).</param>
/// <param name="COut">Output channels c_out (fc: output features).</param>
/// <param name="KernelH">Kernel height k_h (1 for fc).</param>
/// <param name="KernelW">Kernel width k_w (1 for fc).</param>
/// <param name="OutH">Output height H (1 for fc).</param>
/// <param name="OutW">Output width W (1 for fc).</param>
/// <param name="Groups">Groups g (1 for conv and fc).</param>
/// <param name="Count">Samples the formula is applied to: the batch for a conv, the rows (batch × tokens) for fc.</param>
public sealed record HtmlLayerFormula(string Kind, long CIn, long COut, long KernelH, long KernelW, long OutH, long OutW, long Groups, long Count)
{
    /// <summary>The formula of a 2-D Conv, or of a Gemm / MatMul with a 2-D right operand, when it reproduces the node's MACs; else null.</summary>
    public static HtmlLayerFormula? TryFrom(NodeCost node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Macs <= 0 || node.Outputs.Count == 0 || node.Inputs.Count < 2) return null;
        var y = node.Outputs[0].Shape?.TryValues();
        var a = node.Inputs[0].Shape?.TryValues();
        var b = node.Inputs[1].Shape?.TryValues();
        if (y is null || a is null || b is null || y.Any(d => d <= 0) || a.Any(d => d <= 0) || b.Any(d => d <= 0)) return null;
        var f = node.OpType switch
        {
            "Conv" when node.Domain is "" or "ai.onnx" && y.Length == 4 && a.Length == 4 && b.Length == 4 => Conv(a, b, y),
            "Gemm" when a.Length == 2 && b.Length == 2 && y.Length == 2 => Fc(y[0], a[0] * a[1] / y[0], y[1]),
            "MatMul" when a.Length >= 2 && b.Length == 2 && y.Length == a.Length => Fc(y[..^1].Aggregate(1L, (p, d) => p * d), a[^1], y[^1]),
            _ => null,
        };
        return f is not null && f.PerSampleMacs() is { } m && m * f.Count == node.Macs ? f : null;
    }

    /// <summary>MACs of one sample by <see cref="LayerFormulas"/>; null when the numbers are not a valid layer.</summary>
    public long? PerSampleMacs()
    {
        try
        {
            return Kind switch
            {
                "fc" => LayerFormulas.FullyConnected(CIn, COut).Macs,
                "dwconv" => LayerFormulas.DepthwiseConv(COut, KernelH, KernelW, OutH, OutW).Macs,
                "gconv" => LayerFormulas.GroupConv(CIn, COut, KernelH, KernelW, OutH, OutW, Groups).Macs,
                _ => LayerFormulas.Conv(CIn, COut, KernelH, KernelW, OutH, OutW).Macs,
            };
        }
        catch (Exception e) when (e is ModelMeterException or OverflowException)
        {
            return null;
        }
    }

    private static HtmlLayerFormula? Conv(long[] x, long[] w, long[] y)
    {
        long cin = x[1], cout = y[1];
        if (w[0] != cout || cin % w[1] != 0) return null;
        long g = cin / w[1];
        var kind = g == 1 ? "conv" : g == cin && cin == cout ? "dwconv" : "gconv";
        return new HtmlLayerFormula(kind, cin, cout, w[2], w[3], y[2], y[3], g, y[0]);
    }

    private static HtmlLayerFormula? Fc(long rows, long k, long n) => rows > 0 && k > 0 ? new HtmlLayerFormula("fc", k, n, 1, 1, 1, 1, 1, rows) : null;
}

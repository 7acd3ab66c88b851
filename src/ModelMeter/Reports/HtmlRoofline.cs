using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Reports;

/// <summary>
/// Plain roofline points for the HTML report: time = max(FLOPs / peak, bytes / bandwidth) with the peak of the
/// node's precision (FP32 when the chip lists none for it). A stand-in until the Roofline stage's Estimate lands;
/// then the report is filled from the Estimate instead.
/// </summary>
internal static class HtmlRoofline
{
    internal static HtmlChip FromSpec(HardwareSpec spec, IReadOnlyList<NodeCost> nodes)
    {
        var peaks = spec.PeakTflops.Where(kv => kv.Value > 0 && double.IsFinite(kv.Value))
            .ToDictionary(kv => kv.Key.ToString().ToLowerInvariant(), kv => kv.Value * 1e12, StringComparer.Ordinal);
        var bw = spec.BandwidthBytesPerSecond;
        var fallback = spec.PeakFlopsPerSecond(Precision.Fp32) ?? (peaks.Count > 0 ? peaks.Values.Max() : 0);
        var points = nodes.Select(n => Point(n, spec.PeakFlopsPerSecond(n.Precision) ?? fallback, bw)).ToList();
        return new HtmlChip(spec.Id, spec.Name, peaks, bw, points);
    }

    internal static HtmlChipNode Point(NodeCost n, double peak, double bandwidth)
    {
        double flops = n.Flops, bytes = n.MemoryAccessBytes;
        var compute = peak > 0 ? flops / peak : 0;
        var memory = bandwidth > 0 ? bytes / bandwidth : 0;
        var time = Math.Max(compute, memory);
        var intensity = bytes > 0 ? flops / bytes : 0;
        var attainable = time > 0 ? flops / time : 0;
        var bound = time <= 0 ? "none" : compute >= memory ? "compute" : "memory";
        return new HtmlChipNode(n.Name, intensity, attainable, time, bound);
    }
}

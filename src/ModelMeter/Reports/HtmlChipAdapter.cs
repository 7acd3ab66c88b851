using ModelMeter.Hardware;
using ModelMeter.Roofline;

namespace ModelMeter.Reports;

/// <summary>Turns a roofline <see cref="Estimate"/> into the report's <see cref="HtmlChip"/>.</summary>
public static class HtmlChipAdapter
{
    /// <summary>
    /// The chip's ceilings (peak per precision, bandwidth) and one point per report node: estimate nodes are
    /// matched by position when the counts agree, else by name; a node without an estimate gets an empty point.
    /// </summary>
    public static HtmlChip FromEstimate(HardwareSpec spec, Estimate estimate, IReadOnlyList<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(nodeNames);
        var peaks = spec.PeakTflops.Where(kv => kv.Value > 0 && double.IsFinite(kv.Value))
            .ToDictionary(kv => PeakRules.Name(kv.Key), kv => kv.Value * 1e12, StringComparer.Ordinal);
        IReadOnlyList<NodeEstimate?> matched;
        if (estimate.Nodes.Count == nodeNames.Count && estimate.Nodes.Select(n => n.Name).SequenceEqual(nodeNames, StringComparer.Ordinal))
        {
            matched = estimate.Nodes;
        }
        else
        {
            var byName = new Dictionary<string, NodeEstimate>(StringComparer.Ordinal);
            foreach (var n in estimate.Nodes) byName.TryAdd(n.Name, n);
            matched = nodeNames.Select(name => byName.GetValueOrDefault(name)).ToList();
        }
        var points = matched.Select((n, i) => n is null
            ? new HtmlChipNode(nodeNames[i], 0, 0, 0, "none")
            : new HtmlChipNode(n.Name, n.Intensity ?? 0, n.AttainableFlopsPerS, n.TimeS, BoundName(n.Bound))).ToList();
        var kernels = estimate.Forecast?.Kernels.Select(k =>
        {
            double attainable = k.Intensity is { } i ? Math.Min(k.BoundS > 0 ? k.Flops / k.BoundS : 0, i * spec.BandwidthBytesPerSecond) : 0;
            return new HtmlKernel(k.Name, k.Kind.ToString().ToLowerInvariant(), k.Nodes, k.Intensity ?? 0, attainable, k.BoundS, k.PredictedS, BoundName(k.Bound));
        }).ToList() ?? [];
        return new HtmlChip(spec.Id, spec.Name, peaks, spec.BandwidthBytesPerSecond, points)
        {
            Engine = estimate.Engine, EngineAssumed = estimate.EngineAssumed, BoundS = estimate.BoundLatencyS, PredictedS = estimate.PredictedLatencyS,
            Kernels = kernels,
        };
    }

    private static string BoundName(Bound b) => b switch
    {
        Bound.Compute => "compute",
        Bound.Memory => "memory",
        _ => "none",
    };
}

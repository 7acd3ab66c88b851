using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Roofline;

namespace ModelMeter.Runtime;

/// <summary>
/// Fits, per op class, the roofline corrections of <see cref="CalibrationFactors"/> from measured nodes: the model
/// time = max(compute_s / compute_efficiency, memory_s / bandwidth_efficiency) + overhead_s, which is exactly the form the
/// roofline applies. The fit is a grid search over the two efficiencies (log-spaced) with the best non-negative overhead
/// for each pair, minimising the squared error of the node times (so the nodes that dominate latency dominate the fit).
/// </summary>
public static class Calibrator
{
    /// <summary>Classes with fewer samples than this fall back to the fit over all classes (<see cref="Calibration.Default"/>).</summary>
    public const int MinSamplesPerClass = 6;

    /// <summary>Calibration samples of one measured model: each attributed, counted node with its plain-roofline times on <paramref name="hw"/>.</summary>
    public static IReadOnlyList<CalibrationSample> Samples(string model, ModelProfile optimized, Measurement measurement, HardwareSpec hw)
    {
        var plain = optimized.Estimate(hw, new EstimateOptions(IgnoreCalibration: true));
        var byName = plain.Nodes.GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var list = new List<CalibrationSample>();
        foreach (var m in measurement.Nodes)
        {
            if (!byName.TryGetValue(m.Name, out var e) || e.OpClass == OpClass.Metadata || e.PeakFlopsPerS <= 0) continue;
            list.Add(new CalibrationSample(model, m.Name, e.OpClass, e.Flops / e.PeakFlopsPerS, e.Bytes / hw.BandwidthBytesPerSecond, m.TimeS));
        }
        return list;
    }

    /// <summary>Fits factors per class (classes with at least <see cref="MinSamplesPerClass"/> samples) and a default over all samples.</summary>
    public static Calibration Fit(IReadOnlyList<CalibrationSample> samples, string? source = null)
    {
        if (samples.Count == 0) throw ModelMeterException.Usage("calibration needs measured nodes: none were given");
        var classes = new Dictionary<OpClass, CalibrationFactors>();
        foreach (var g in samples.GroupBy(s => s.Class))
            if (g.Count() >= MinSamplesPerClass) classes[g.Key] = FitOne([.. g], fitCompute: g.Key is OpClass.Conv or OpClass.DepthwiseConv or OpClass.Gemm);
        return new Calibration(source, FitOne(samples), classes);
    }

    /// <summary>The calibrated time of one node.</summary>
    public static double Predict(CalibrationFactors f, double computeS, double memoryS)
        => Math.Max(computeS / f.ComputeEfficiency, memoryS / f.BandwidthEfficiency) + f.OverheadS;

    /// <summary>
    /// Fits one set of factors: grid over efficiencies 10^-3 … 10^1.3 (bandwidth may exceed 1: small tensors live in
    /// cache). With <paramref name="fitCompute"/> false the compute efficiency stays 1: the per-element FLOPs of
    /// elementwise, pooling, normalisation and data-movement ops are a counting convention, not instructions, and such
    /// kernels are memory- and overhead-bound, so a compute factor fitted on them would only mislead other models.
    /// </summary>
    public static CalibrationFactors FitOne(IReadOnlyList<CalibrationSample> s, bool fitCompute = true)
    {
        const int steps = 64;
        double lo = -3, hi = 1.3;
        // Descending, and only a clearly smaller error replaces the best: when the samples cannot tell efficiencies apart
        // (a class whose nodes have no FLOPs), the highest efficiency — the plain roofline — is kept.
        var grid = Enumerable.Range(0, steps).Select(i => Math.Pow(10, hi - (hi - lo) * i / (steps - 1))).ToArray();
        var best = (Err: double.MaxValue, F: CalibrationFactors.None);
        if (s.Count == 0) return best.F;
        // Kernels may beat the probed GEMM rate they are scaled against (ONNX Runtime's direct convolutions do), not twice over.
        double[] computeGrid = fitCompute ? [.. grid.Where(ce => ce <= 2.0001)] : [1.0];
        foreach (var ce in computeGrid)
        {
            foreach (var be in grid)
            {
                // Weighted least squares with weights 1/measured (a chi-square): big and small nodes both count, so the
                // few largest kernels of one model cannot set a class's factors alone.
                double sumResidual = 0, sumWeight = 0;
                for (int i = 0; i < s.Count; i++)
                {
                    var w = 1 / Math.Max(s[i].MeasuredS, 1e-7);
                    sumResidual += w * (s[i].MeasuredS - Math.Max(s[i].ComputeS / ce, s[i].MemoryS / be));
                    sumWeight += w;
                }
                var o = Math.Max(0, sumResidual / sumWeight);
                double err = 0;
                for (int i = 0; i < s.Count; i++)
                {
                    var r = s[i].MeasuredS - Math.Max(s[i].ComputeS / ce, s[i].MemoryS / be) - o;
                    err += r * r / Math.Max(s[i].MeasuredS, 1e-7);
                }
                if (err < best.Err * (1 - 1e-6)) best = (err, new CalibrationFactors(ce, be, o));
            }
        }
        return best.F;
    }
}

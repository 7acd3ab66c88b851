using ModelMeter.Costs;
using ModelMeter.Hardware;
using Xunit;

namespace ModelMeter.Runtime.Tests;

public class CalibratorTests
{
    [Fact]
    public void Recovers_known_factors_from_synthetic_nodes()
    {
        // Nodes generated with compute efficiency 0.5, bandwidth efficiency 2 and 3 µs overhead (hand-set truth).
        var truth = new CalibrationFactors(0.5, 2, 3e-6);
        var rnd = new Random(3);
        var samples = Enumerable.Range(0, 200).Select(i =>
        {
            // Log-uniform over three decades each, so both compute- and memory-bound nodes occur.
            double c = Math.Pow(10, -6 + 3 * rnd.NextDouble()), m = Math.Pow(10, -6 + 3 * rnd.NextDouble());
            return new CalibrationSample("synthetic", $"n{i}", OpClass.Conv, c, m, Calibrator.Predict(truth, c, m));
        }).ToList();
        var fit = Calibrator.Fit(samples, "test");
        var f = fit.For(OpClass.Conv);
        // The grid is log-spaced with 64 steps over 4.3 decades (ratio 1.17 per step): the truth is within one step.
        Assert.InRange(f.ComputeEfficiency, 0.5 / 1.17, 0.5 * 1.17);
        Assert.InRange(f.BandwidthEfficiency, 2 / 1.17, 2 * 1.17);
        var predicted = samples.Sum(s => Calibrator.Predict(f, s.ComputeS, s.MemoryS));
        var measured = samples.Sum(s => s.MeasuredS);
        Assert.InRange(predicted / measured, 0.95, 1.05);
    }

    [Fact]
    public void Elementwise_classes_fit_bandwidth_and_overhead_only()
    {
        // Memory-bound elementwise nodes made with bandwidth efficiency 0.5 and 2 µs overhead; their FLOP counts are a
        // convention, so no compute efficiency may be learned from them (it stays 1, the plain roofline).
        var truth = new CalibrationFactors(1, 0.5, 2e-6);
        var rnd = new Random(5);
        var samples = Enumerable.Range(0, 100).Select(i =>
        {
            double m = Math.Pow(10, -6 + 2 * rnd.NextDouble()), c = m * 0.01;
            return new CalibrationSample("synthetic", $"e{i}", OpClass.Elementwise, c, m, Calibrator.Predict(truth, c, m));
        }).ToList();
        var f = Calibrator.Fit(samples).For(OpClass.Elementwise);
        Assert.Equal(1, f.ComputeEfficiency);
        Assert.InRange(f.BandwidthEfficiency, 0.5 / 1.17, 0.5 * 1.17);
        Assert.InRange(f.OverheadS, 1e-6, 3e-6);
    }

    [Fact]
    public void Small_classes_fall_back_to_the_default_and_the_block_round_trips()
    {
        var samples = new List<CalibrationSample>
        {
            new("m", "a", OpClass.Pooling, 1e-6, 1e-5, 2e-5),
            new("m", "b", OpClass.Pooling, 1e-6, 2e-5, 4e-5),
        };
        var cal = Calibrator.Fit(samples);
        Assert.Empty(cal.OpClasses);
        Assert.NotNull(cal.Default);
        var hw = HardwareCatalog.Embedded[0] with { Calibration = cal with { OpClasses = new Dictionary<OpClass, CalibrationFactors> { [OpClass.DepthwiseConv] = new(0.25, 0.5, 1e-6) } } };
        var back = HardwareCatalog.Parse(HardwareJsonWriter.Serialize([hw]), "calibrated.json").Single();
        Assert.Equal(0.25, back.Calibration!.For(OpClass.DepthwiseConv).ComputeEfficiency, 6);
        Assert.Equal(cal.Default!.BandwidthEfficiency, back.Calibration.Default!.BandwidthEfficiency, 6);
    }
}

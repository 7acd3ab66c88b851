using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>
/// Prices an engine's kernels on a chip (docs/counting.md "Bound and prediction"). The bound is Σ max(FLOPs / datasheet peak,
/// DRAM bytes / datasheet bandwidth) over the fused kernels, with inputs the previous kernel left on chip read for free: a lower
/// bound on any real run (one sample's handoff is enough to fit). The prediction holds each kernel to what published microbenchmarks reach on that chip generation
/// (GEMM and vector fractions of peak, STREAM-like bandwidth, sustained clocks of power-limited parts), adds tile and wave
/// quantisation over the SMs, on-chip (L2) reads at L2 bandwidth, the engine's launch gap per kernel, its host dispatch time
/// (the run takes at least that), its per-run overhead and its host↔device copies.
/// </summary>
public static class Forecaster
{
    /// <summary>Achieved / theoretical PCIe payload bandwidth per direction (first principles: 128b/130b encoding and TLP
    /// headers leave ~85% of the raw rate; ~80% is what copies reach).</summary>
    public const double PcieEfficiency = 0.8;

    /// <summary>Forecasts <paramref name="plan"/> on <paramref name="hw"/> under <paramref name="engine"/>.</summary>
    /// <exception cref="ModelMeterException">Bad options, or the chip has no usable peak.</exception>
    /// <param name="plan">The engine's kernels.</param>
    /// <param name="hw">The chip.</param>
    /// <param name="engine">The engine (overheads, GEMM fraction).</param>
    /// <param name="options">Precision what-if and batch.</param>
    /// <param name="catalog">Engine and chip factors (default: the embedded catalog).</param>
    /// <param name="gemmBandwidthFraction">Fraction of the achievable bandwidth GEMM kernels stream at (an LLM engine's decode GEMV
    /// fraction; 1 otherwise).</param>
    public static Forecast Run(KernelPlan plan, HardwareSpec hw, EngineSpec engine, EstimateOptions options = default, EngineCatalog? catalog = null,
        double gemmBandwidthFraction = 1)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hw);
        ArgumentNullException.ThrowIfNull(engine);
        catalog ??= EngineCatalog.Default;
        var input = new RooflineInput([.. plan.Kernels.Select(ToRooflineNode)])
        {
            Batch = plan.CountedAtBatch, WeightBytes = plan.WeightBytes, PeakActivationBytes = plan.PeakActivationBytes,
        };
        var roof = RooflineEstimator.Estimate(input, hw, options with { IgnoreCalibration = true });
        var arch = catalog.ArchitectureOf(hw);
        var chip = catalog.ChipOf(hw);
        double peakBw = hw.BandwidthBytesPerSecond, bw = peakBw * arch.Bandwidth;
        double onChipBw = arch.L2BandwidthRatio * peakBw, onChipCapacity = (hw.OnChipMb ?? 0) * 1e6;
        bool gpu = hw.Kind == HardwareKind.Gpu;
        var notes = new List<string>(roof.Notes.Where(n => !n.StartsWith("costs counted at batch", StringComparison.Ordinal)));
        var kernels = new List<KernelEstimate>(plan.Kernels.Count);
        double bound = 0, device = 0;
        int launched = 0;
        var previous = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < plan.Kernels.Count; i++)
        {
            var k = plan.Kernels[i];
            var e = roof.Nodes[i];
            // activation bytes scale with batch and the what-if precision: the same ratio for every activation tensor of the kernel
            double rawAct = k.Bytes - k.WeightBytes, act = e.Bytes - e.WeightBytes;
            double actScale = rawAct > 0 ? act / rawAct : 0;
            double resident = 0;
            for (int j = 0; j < k.InputTensors.Count; j++)
                if (previous.Contains(k.InputTensors[j])) resident += k.InputTensorBytes[j] * actScale;
            double outBytes = k.BytesWritten * actScale;
            // the bound lets an engine keep one sample's handoff on chip (it could run the batch in slices, as NVIDIA's fused
            // ResNet-50 stage kernels do); the prediction only when the whole batch's handoff fits
            double residentBound = onChipCapacity > 0 && (resident + outBytes) / Math.Max(1, roof.Batch) <= onChipCapacity ? resident : 0;
            if (onChipCapacity <= 0 || resident + outBytes > onChipCapacity) resident = 0;
            previous.Clear();
            foreach (var o in k.OutputTensors) previous.Add(o);
            if (e.Flops == 0 && e.Bytes == 0)
            {
                kernels.Add(new KernelEstimate(k.Name, k.Kind, k.Nodes, 0, 0, 0, 0, Bound.None) { OpType = k.OpType, Precision = e.PeakPrecision });
                continue;
            }
            double peak = e.PeakFlopsPerS;
            if (engine.Fp16Accumulate && e.PeakPath == PeakPath.Tensor && e.PeakPrecision == Precision.Fp16
                && hw.Fp16AccumulateTflops.TryGetValue(Precision.Fp16, out var acc16) && acc16 * 1e12 > peak)
                peak = acc16 * 1e12;
            double kb = Math.Max(e.Flops / peak, (e.Bytes - residentBound) / peakBw);
            double wave = k.Gemm is { } g && gpu && hw.SmCount is { } sms && e.PeakPath == PeakPath.Tensor
                ? GemmWaves.Efficiency(Scaled(g, roof.Batch, plan.CountedAtBatch), sms, peak, onChipBw, PrecisionPlan.ElementBytes(e.PeakPrecision))
                : 1;
            double eff = (k.Kind == KernelKind.Attention ? arch.Attention
                : e.PeakPath == PeakPath.Tensor ? arch.GemmFor(e.PeakPrecision) * engine.GemmFraction * wave
                : arch.Vector) * Clock(chip.SustainedClock, wave);
            double tc = e.Flops / (peak * eff);
            double kbw = k.Kind == KernelKind.Gemm ? bw * gemmBandwidthFraction : bw;
            double tm = (e.Bytes - resident) / kbw + (onChipBw > 0 ? resident / onChipBw : 0);
            double t = Math.Max(tc, tm) + engine.KernelGapS;
            kernels.Add(new KernelEstimate(k.Name, k.Kind, k.Nodes, e.Flops, e.Bytes, kb, t, tc >= tm ? Bound.Compute : Bound.Memory)
            {
                OpType = k.OpType, Precision = e.PeakPrecision, Intensity = e.Intensity, WaveEfficiency = wave, OnChipBytes = resident,
            });
            bound += kb;
            device += t;
            launched++;
        }
        double host = launched * engine.HostPerKernelS;
        double transfer = 0;
        if (engine.CopiesIo && gpu && hw.Interconnect.PcieGbps is > 0 and var pcie)
            transfer = plan.IoBytes * ((double)roof.Batch / plan.CountedAtBatch) / (pcie / 2 * 1e9 * PcieEfficiency);
        double predicted = Math.Max(device, host) + engine.PerRunS + transfer;
        var factors = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["architecture"] = arch.Id,
            ["gemm_fraction"] = arch.GemmFor(roof.Nodes.FirstOrDefault(n => n.PeakPath == PeakPath.Tensor)?.PeakPrecision ?? Precision.Fp16).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["vector_fraction"] = arch.Vector.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["bandwidth_fraction"] = arch.Bandwidth.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["attention_fraction"] = arch.Attention.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["sustained_clock"] = chip.SustainedClock.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        return new Forecast(engine.Id, bound, predicted, kernels)
        {
            DeviceS = device, HostS = host, TransferS = transfer, PerRunS = engine.PerRunS, FoldedNodes = plan.Folded.Count,
            Factors = factors, Notes = notes,
        };
    }

    /// <summary>The clock a power-limited chip holds while <paramref name="activity"/> of its SMs compute: dynamic power grows as
    /// activity × f³ (P ∝ C·V²·f with V ∝ f, first principles), so a partly idle chip clocks up from its full-load sustained
    /// clock by activity^(−1/3), never past its boost clock (1).</summary>
    public static double Clock(double sustained, double activity)
        => sustained >= 1 ? 1 : Math.Min(1, sustained / Math.Cbrt(Math.Clamp(activity, 0.05, 1)));

    static GemmShape Scaled(GemmShape g, int batch, int countedAt) => g with { M = g.M * batch / Math.Max(1, countedAt) };

    /// <summary>The roofline view of a kernel.</summary>
    public static RooflineNode ToRooflineNode(Kernel k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new RooflineNode(k.Name, k.OpType, k.Kind == KernelKind.Attention ? OpClass.Gemm : k.Class, k.Precision, k.Flops, k.BytesRead, k.BytesWritten, k.WeightBytes)
        {
            IndexBytes = k.IndexBytes, IndexWeightBytes = k.IndexWeightBytes,
        };
    }
}

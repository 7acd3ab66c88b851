using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Roofline latency estimates: per node time = max(FLOPs / peak, bytes / bandwidth) (+ calibrated overhead).</summary>
public static class RooflineEstimator
{
    /// <summary>Estimates <paramref name="nodes"/> (counted at batch 1) on <paramref name="hw"/>.</summary>
    /// <exception cref="ModelMeterException">Bad options, or the chip has no usable peak.</exception>
    public static Estimate Estimate(IReadOnlyList<RooflineNode> nodes, HardwareSpec hw, EstimateOptions options = default)
        => Estimate(new RooflineInput(nodes), hw, options);

    /// <summary>Estimates one model on several chips and batch sizes (chips outer, batches inner).</summary>
    public static IReadOnlyList<Estimate> EstimateMany(RooflineInput input, IEnumerable<HardwareSpec> hardware, IEnumerable<int> batches, PrecisionPlan? precision = null)
    {
        var list = batches.ToList();
        if (list.Count == 0) list.Add(0);
        return [.. hardware.SelectMany(hw => list.Select(b => Estimate(input, hw, new EstimateOptions(precision, b))))];
    }

    /// <summary>Estimates a model on <paramref name="hw"/> at the options' precision and batch.</summary>
    /// <exception cref="ModelMeterException">Bad options, or the chip has no usable peak.</exception>
    public static Estimate Estimate(RooflineInput input, HardwareSpec hw, EstimateOptions options = default)
    {
        if (input.Batch < 1)
            throw ModelMeterException.Usage($"roofline input batch must be >= 1 (got {input.Batch})");
        var batch = options.Batch <= 0 ? input.Batch : options.Batch;
        var scale = (double)batch / input.Batch;
        var plan = options.Precision;
        var calibration = options.IgnoreCalibration ? null : hw.Calibration;
        var bandwidth = hw.BandwidthBytesPerSecond;
        var notes = new List<string>();
        if (scale != 1)
            notes.Add($"costs counted at batch {input.Batch} scaled linearly to batch {batch} (FLOPs and activation bytes × {scale:G4}; weights unchanged)");

        var results = new List<NodeEstimate>(input.Nodes.Count);
        double weightsBefore = 0, weightsAfter = 0, actBefore = 0, actAfter = 0, maxNodeAct = 0, weightSum = 0;
        double latency = 0, memoryTime = 0, totalFlops = 0, totalBytes = 0;
        var flopsByPeak = new Dictionary<(Precision, PeakPath), (double Flops, double Peak)>();

        foreach (var n in input.Nodes)
        {
            // 1. precision what-if: rescale the numeric weight and activation bytes by element size; index and boolean tensors
            //    (shapes, indices, masks) and whole index-arithmetic nodes keep their size.
            var precision = n.Precision;
            double weight = n.WeightBytes, act = n.ActivationBytes;
            if (n.Precision != Precision.Int32)
            {
                var indexWeight = Math.Clamp(n.IndexWeightBytes, 0, weight);
                var indexAct = Math.Clamp(n.IndexBytes - n.IndexWeightBytes, 0, act);
                double numericWeight = weight - indexWeight, numericAct = act - indexAct;
                weightsBefore += numericWeight; actBefore += numericAct;
                if (plan is not null)
                {
                    var src = PrecisionPlan.ElementBytes(n.Precision);
                    numericWeight *= plan.WeightBytesPerElement / src;
                    numericAct *= plan.ActivationBytesPerElement / src;
                    weight = numericWeight + indexWeight;
                    act = numericAct + indexAct;
                    precision = plan.Compute;
                }
                weightsAfter += numericWeight; actAfter += numericAct;
            }
            maxNodeAct = Math.Max(maxNodeAct, act);
            weightSum += weight;

            // 2. batch: FLOPs and activations scale, weights are read once per batch.
            var flops = n.Flops * scale;
            act *= scale;
            var bytes = weight + act;

            if (n.Class == OpClass.Metadata)
            {
                results.Add(new NodeEstimate(n.Name, precision, flops, bytes, Intensity(flops, bytes), 0, 0, Bound.None)
                {
                    OpType = n.OpType, OpClass = n.Class, PeakPrecision = precision, PeakPath = PeakPath.Vector, WeightBytes = weight,
                    Note = "metadata only: no kernel",
                });
                continue;
            }

            // 3. the peak that applies, and the calibrated corrections.
            var applied = PeakRules.Select(hw, precision, n.Class);
            if (applied.Note is not null && !notes.Contains(applied.Note)) notes.Add(applied.Note);
            var f = calibration?.For(n.Class) ?? CalibrationFactors.None;
            var peak = applied.FlopsPerSecond * f.ComputeEfficiency;
            var bw = bandwidth * f.BandwidthEfficiency;

            // 4. roofline.
            var computeTime = flops / peak;
            var memTime = bytes / bw;
            // a node that does no work (not counted, or an empty tensor) is bound by neither roof
            var bound = flops == 0 && bytes == 0 ? Bound.None : computeTime > memTime ? Bound.Compute : Bound.Memory;
            var time = Math.Max(computeTime, memTime) + f.OverheadS;
            var intensity = Intensity(flops, bytes);
            var attainable = intensity is { } i ? Math.Min(peak, i * bw) : peak;

            results.Add(new NodeEstimate(n.Name, precision, flops, bytes, intensity, attainable, time, bound)
            {
                OpType = n.OpType, OpClass = n.Class, PeakFlopsPerS = peak, PeakPrecision = applied.Used, PeakPath = applied.Path,
                WeightBytes = weight, Note = applied.Note,
            });
            latency += time;
            if (bound == Bound.Memory) memoryTime += time;
            totalFlops += flops;
            totalBytes += bytes;
            var key = (applied.Used, applied.Path);
            flopsByPeak[key] = (flopsByPeak.GetValueOrDefault(key).Flops + flops, peak);
        }

        var referencePeak = flopsByPeak.Count == 0 ? 0 : flopsByPeak.Values.MaxBy(v => v.Flops).Peak;
        var memory = Fit(input, hw, batch, scale, Ratio(weightsAfter, weightsBefore), Ratio(actAfter, actBefore), weightSum, maxNodeAct);
        return new Estimate(hw.Id, plan?.Name ?? "model", batch, latency, latency > 0 ? batch / latency : 0,
            latency > 0 ? memoryTime / latency : 0, memory.Fits, results)
        {
            TotalFlops = totalFlops,
            TotalBytes = totalBytes,
            PeakFlopsPerS = referencePeak,
            ShareOfPeak = latency > 0 && referencePeak > 0 ? totalFlops / latency / referencePeak : 0,
            Memory = memory,
            Calibrated = calibration is not null,
            Notes = notes,
        };
    }

    static double? Intensity(double flops, double bytes) => bytes > 0 ? flops / bytes : null;

    static double Ratio(double after, double before) => before > 0 ? after / before : 1;

    static MemoryFit Fit(RooflineInput input, HardwareSpec hw, int batch, double scale, double weightRatio, double actRatio, double nodeWeights, double maxNodeAct)
    {
        var weights = input.WeightBytes is { } w ? w * weightRatio : nodeWeights;
        var actAtInput = input.PeakActivationBytes is { } a ? a * actRatio : maxNodeAct;
        var perBatch = actAtInput / input.Batch;
        var act = actAtInput * scale;
        var total = weights + act;
        var mem = hw.UsableMemoryBytes;
        bool? fits = mem is { } m ? total <= m : null;
        long? maxBatch = mem is { } mm && perBatch > 0
            ? (long)Math.Max(0, Math.Min(long.MaxValue / 2, Math.Floor((mm - weights) / perBatch)))
            : null;
        return new MemoryFit(weights, act, total, mem, fits, maxBatch);
    }
}

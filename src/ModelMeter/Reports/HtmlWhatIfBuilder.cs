using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Hardware;
using ModelMeter.Roofline;

namespace ModelMeter.Reports;

/// <summary>Builds the page's what-if data (<see cref="HtmlWhatIf"/>) from a profile and the chips that can be selected.</summary>
public static class HtmlWhatIfBuilder
{
    /// <summary>The what-if data of <paramref name="profile"/>: every chip of <paramref name="chips"/> that has a peak for all the
    /// (precision, units) pairs the model and the plans need, the plans, and the batch slopes.</summary>
    public static HtmlWhatIf Build(ModelProfile profile, IEnumerable<HardwareSpec> chips, HtmlWhatIfOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(chips);
        var counted = Math.Max(1, options.CountedBatch);
        var catalog = EngineCatalog.Default;
        var kernels = profile.Nodes.Where(n => n.Class != OpClass.Metadata).ToList();
        var precisions = kernels.Select(n => n.Precision).Concat(PrecisionPlan.All.Select(p => p.Compute)).Distinct().ToList();
        var paths = kernels.Select(n => PeakRules.UsesTensorUnits(n.Class) ? OpClass.Gemm : OpClass.Elementwise).Distinct().ToList();
        var classes = kernels.Select(n => n.Class).Distinct().ToList();
        var list = new List<HtmlWhatIfChip>();
        var archs = new List<ArchitectureFactors>();
        foreach (var hw in chips.DistinctBy(c => c.Id, StringComparer.Ordinal))
            if (Chip(hw, precisions, paths, classes, catalog) is { } c) { list.Add(c); archs.Add(catalog.ArchitectureOf(hw)); }
        var slopes = options.BatchSymbol is not null && options.NextBatch is { } next ? Slopes(profile, next, options.Check, counted) : null;
        // node slopes and kernel slopes describe the same re-binding of the batch symbol: without node slopes the page scales linearly
        var (engines, kernelPlans) = HtmlKernelPlanBuilder.Build(profile, slopes is null ? options with { BatchSymbol = null, NextBatch = null, Check = null } : options, catalog);
        return new HtmlWhatIf
        {
            Chips = list,
            Plans = [.. PrecisionPlan.All.Select(p => new HtmlPlan(p.Name, PeakRules.Name(p.Compute), p.WeightBytesPerElement, p.ActivationBytesPerElement))],
            ElementBytes = Enum.GetValues<Precision>().ToDictionary(PeakRules.Name, PrecisionPlan.ElementBytes, StringComparer.Ordinal),
            CountedBatch = counted,
            BatchSymbol = slopes is null ? null : options.BatchSymbol,
            Slopes = slopes,
            BatchNote = options.BatchNote,
            Chip = options.Chip is { } id && list.Any(c => c.Id == id) ? id : null,
            Precision = options.Precision,
            Batch = options.Batch > 0 ? options.Batch : counted,
            Engine = options.Engine is { } eid && engines.Any(e => e.Id == eid) ? eid : null,
            Engines = engines,
            Architectures = [.. archs.DistinctBy(a => a.Id, StringComparer.Ordinal).Select(Architecture)],
            KernelPlans = kernelPlans,
            KernelKinds = HtmlKernelPlanBuilder.KindNames,
        };
    }

    private static HtmlArchitecture Architecture(ArchitectureFactors a) => new()
    {
        Id = a.Id, Vector = a.Vector, Bandwidth = a.Bandwidth, Attention = a.Attention, L2BandwidthRatio = a.L2BandwidthRatio,
        Gemm = Enum.GetValues<Precision>().ToDictionary(PeakRules.Name, a.GemmFor, StringComparer.Ordinal),
    };

    private static HtmlWhatIfChip? Chip(HardwareSpec hw, List<Precision> precisions, List<OpClass> paths, List<OpClass> classes, EngineCatalog catalog)
    {
        var rates = new Dictionary<string, HtmlPeakRate>(StringComparer.Ordinal);
        try
        {
            foreach (var p in precisions)
                foreach (var cls in paths)
                {
                    var a = PeakRules.Select(hw, p, cls);
                    var key = PeakRules.Name(p) + ":" + (PeakRules.UsesTensorUnits(cls) ? "tensor" : "vector");
                    rates[key] = new HtmlPeakRate(a.FlopsPerSecond, PeakRules.Name(a.Used), a.Path.ToString().ToLowerInvariant(), a.Note);
                }
        }
        catch (ModelMeterException)
        {
            return null; // no usable peak (a CPU without published TFLOPS): not selectable
        }
        return new HtmlWhatIfChip
        {
            Id = hw.Id,
            Name = hw.Name,
            BandwidthBytesPerS = hw.BandwidthBytesPerSecond,
            MemoryBytes = hw.MemoryBytes,
            Peaks = hw.PeakTflops.Where(kv => kv.Value > 0 && double.IsFinite(kv.Value)).ToDictionary(kv => PeakRules.Name(kv.Key), kv => kv.Value * 1e12, StringComparer.Ordinal),
            Rates = rates,
            Kind = hw.Kind.ToString().ToLowerInvariant(),
            Vendor = hw.Vendor,
            Architecture = catalog.ArchitectureOf(hw).Id,
            SustainedClock = catalog.ChipOf(hw).SustainedClock,
            OnChipBytes = (hw.OnChipMb ?? 0) * 1e6,
            SmCount = hw.SmCount,
            PcieGbps = hw.Interconnect.PcieGbps,
            Fp16AccumulateFlopsPerS = hw.Fp16AccumulateTflops.TryGetValue(Precision.Fp16, out var acc16) ? acc16 * 1e12 : null,
            DefaultEngine = catalog.DefaultFor(hw).Id,
            Engines = [.. catalog.Engines.Where(e => e.RunsOnChip(hw)).Select(e => e.Id)],
            Factors = hw.Calibration is { } cal
                ? classes.ToDictionary(c => ClassName(c), c => { var f = cal.For(c); return new[] { f.ComputeEfficiency, f.BandwidthEfficiency, f.OverheadS }; }, StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>Lower-case name of an op class as the page and the JSON contract write it (<c>depthwise_conv</c>).</summary>
    public static string ClassName(OpClass c) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString());

    private static HtmlBatchSlopes? Slopes(ModelProfile a, ModelProfile b, (int Batch, ModelProfile Profile)? check, int counted)
    {
        if (a.Nodes.Count != b.Nodes.Count || !a.Nodes.Select(n => n.Name).SequenceEqual(b.Nodes.Select(n => n.Name), StringComparer.Ordinal)) return null;
        long[] D(Func<NodeCost, long> f) => [.. a.Nodes.Select((n, i) => f(b.Nodes[i]) - f(n))];
        var nonLinear = 0;
        if (check is { } c && c.Profile.Nodes.Count == a.Nodes.Count)
        {
            var k = c.Batch - counted;
            for (var i = 0; i < a.Nodes.Count; i++)
            {
                NodeCost x = a.Nodes[i], y = b.Nodes[i], z = c.Profile.Nodes[i];
                bool Lin(Func<NodeCost, long> f) => f(x) + (f(y) - f(x)) * k == f(z);
                if (!(Lin(n => n.Flops) && Lin(n => n.Macs) && Lin(n => n.BytesRead) && Lin(n => n.BytesWritten) && Lin(n => n.WeightBytes) && Lin(n => n.IndexBytes) && Lin(n => n.IndexWeightBytes)))
                    nonLinear++;
            }
        }
        ModelTotals s = a.Totals, t = b.Totals;
        return new HtmlBatchSlopes
        {
            Macs = D(n => n.Macs),
            Flops = D(n => n.Flops),
            BytesRead = D(n => n.BytesRead),
            BytesWritten = D(n => n.BytesWritten),
            WeightBytes = D(n => n.WeightBytes),
            IndexBytes = D(n => n.IndexBytes),
            IndexWeightBytes = D(n => n.IndexWeightBytes),
            Totals = new HtmlTotals(t.Params - s.Params, t.Macs - s.Macs, t.Flops - s.Flops, t.WeightBytes - s.WeightBytes,
                t.PeakActivationBytes - s.PeakActivationBytes, t.MemoryAccessBytes - s.MemoryAccessBytes, 0, 0),
            NonLinearNodes = nonLinear,
        };
    }
}

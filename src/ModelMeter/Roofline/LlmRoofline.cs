using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Llm;

namespace ModelMeter.Roofline;

/// <summary>Runs the LLM estimate (<see cref="LlmEstimator"/>) on catalogued hardware with the roofline engine.</summary>
public static class LlmRoofline
{
    /// <summary>
    /// The LLM view of a chip: matrix peaks (else plain peaks), vector fp16 peak (else fp32), memory, and the collective
    /// link: NVLink (or another scale-up fabric: Infinity Fabric, ICI) when the catalog lists it, else PCIe; catalog figures are bidirectional, so half is used per direction.
    /// </summary>
    public static LlmChip ToLlmChip(this HardwareSpec hw)
    {
        ArgumentNullException.ThrowIfNull(hw);
        var tensor = new Dictionary<Precision, double>();
        foreach (var kv in hw.PeakTflops) tensor[kv.Key] = kv.Value * 1e12;
        foreach (var kv in hw.MatrixTflops) tensor[kv.Key] = kv.Value * 1e12;
        double vector = (hw.VectorFp16Tflops ?? hw.Peak(Precision.Fp32) ?? hw.Peak(Precision.Fp16) ?? 1) * 1e12;
        // a scale-up fabric (NVLink, or AMD Infinity Fabric / Google ICI as OtherGbps) carries the collectives when listed, else PCIe
        var ic = hw.Interconnect;
        double? fabric = ic.NvlinkGbps is > 0 ? ic.NvlinkGbps : ic.OtherGbps is > 0 ? ic.OtherGbps : null;
        bool nvlink = fabric is not null;
        double link = (fabric ?? ic.PcieGbps) ?? 0;
        return new LlmChip
        {
            Name = hw.Id,
            TensorPeak = tensor,
            VectorPeak = vector,
            MemoryBandwidth = hw.BandwidthBytesPerSecond,
            MemoryBytes = (long)(hw.UsableMemoryBytes ?? 0),
            LinkBandwidth = link * 1e9 / 2,
            NvLink = nvlink,
        };
    }

    /// <summary>Estimates <paramref name="config"/> on <paramref name="hw"/>, row times from <see cref="RooflineEstimator"/>.</summary>
    public static LlmEstimate EstimateLlm(this HardwareSpec hw, LlmConfig config, LlmOptions options, LlmWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(hw);
        return LlmEstimator.Estimate(config, options, workload, hw.ToLlmChip(), p => p.Estimate(hw).LatencyS);
    }
}

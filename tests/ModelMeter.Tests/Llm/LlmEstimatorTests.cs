using ModelMeter.Costs;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

public class LlmEstimatorTests
{
    // NVIDIA H100 SXM datasheet (dense): 989.4 TFLOPS fp16, 1979 fp8/int8, 133.8 fp16 vector, 3.35 TB/s, 80 GB, NVLink 900 GB/s bidirectional
    internal static readonly LlmChip H100 = new()
    {
        Name = "h100-sxm",
        TensorPeak = new Dictionary<Precision, double> { [Precision.Fp16] = 989.4e12, [Precision.Fp8] = 1979e12, [Precision.Int8] = 1979e12 },
        VectorPeak = 133.8e12,
        MemoryBandwidth = 3.35e12,
        MemoryBytes = 80_000_000_000,
        LinkBandwidth = 450e9,
        NvLink = true,
    };

    private static readonly LlmConfig Llama2 = LlmConfigLoader.BuiltIn("llama-2-7b");

    [Fact]
    public void Llama2DecodeOnH100IsMemoryBoundAtWeightBytesOverBandwidth()
    {
        var e = LlmEstimator.Estimate(Llama2, default, new LlmWorkload(128, 128, [1]), H100).Batches[0];
        Assert.Equal("memory", e.Decode.Bound);
        double floor = LlmProfiler.WeightBytesPerChip(Llama2, default) / H100.MemoryBandwidth; // 13.48 GB / 3.35 TB/s ≈ 4.0 ms
        Assert.InRange(e.TpotSeconds / floor, 0.97, 1.05); // decode reads one embedding row, not the 262 MB table
        Assert.InRange(e.MemoryBandwidthUtilisation, 0.95, 1.0);
    }

    [Fact]
    public void Llama2PrefillOf2048TokensIsComputeBound()
    {
        var e = LlmEstimator.Estimate(Llama2, new LlmOptions(Flash: true), new LlmWorkload(2048, 16, [1]), H100).Batches[0];
        Assert.Equal("compute", e.Prefill.Bound);
        // ≈ 2 × 6.6 G × 2048 + causal attention ≈ 27.6 TFLOP at 989 TFLOP/s ≈ 28 ms
        Assert.InRange(e.TtftSeconds, 0.027, 0.035);
    }

    [Fact]
    public void TensorParallelAddsRingAllReduces()
    {
        var one = LlmEstimator.Estimate(Llama2, new LlmOptions(TensorParallel: 2), new LlmWorkload(128, 2, [1]), H100).Batches[0];
        // 64 all-reduces of 8 KiB: 10 µs + 2·(2−1)/2 · 8192 B / 450 GB/s each
        Assert.Equal(64 * (10e-6 + 8192 / 450e9), one.Decode.CommSeconds, 9);
    }

    [Fact]
    public void MemoryFitAndLargestBatch()
    {
        var c70 = LlmConfigLoader.BuiltIn("llama-2-70b");
        var w = new LlmWorkload(1024, 256, [1]);
        var single = LlmEstimator.Estimate(c70, default, w, H100).Batches[0].Memory;
        Assert.False(single.Fits); // 138 GB of fp16 weights
        Assert.Equal(0, single.MaxBatch);
        var tp2 = LlmEstimator.Estimate(c70, new LlmOptions(TensorParallel: 2), w, H100).Batches[0].Memory;
        Assert.True(tp2.Fits);
        Assert.InRange(tp2.WeightBytes / 1e9, 68.5, 69.5);
        var small = LlmEstimator.Estimate(Llama2, default, w, H100).Batches[0].Memory;
        // per sequence: KV at 1280 tokens 671,088,640 B + the unfused 1024×1024 score matrix of 32 heads, in and out
        // (134,217,728 B); (80 GB − 13.48 GB of weights) / 805 MB = 82.6
        Assert.Equal(82, small.MaxBatch);
    }

    [Fact]
    public void MeanContextIsAveragedOverDecodeSteps()
    {
        Assert.Equal(1024 + 128, LlmEstimator.MeanAttendedContext(Llama2, new LlmWorkload(1024, 256, [1])));
        var mistral = LlmConfigLoader.BuiltIn("mistral-7b");
        Assert.Equal(4096, LlmEstimator.MeanAttendedContext(mistral, new LlmWorkload(8000, 100, [1])));
    }
}

public class LlmRooflineTests
{
    [Fact]
    public void CatalogH100DecodeOfLlama2IsMemoryBoundNearWeightBytesOverBandwidth()
    {
        var hw = ModelMeter.Hardware.HardwareCatalog.Default.Get("h100-sxm");
        var c = LlmConfigLoader.BuiltIn("llama-2-7b");
        var e = ModelMeter.Roofline.LlmRoofline.EstimateLlm(hw, c, default, new LlmWorkload(128, 128, [1])).Batches[0];
        Assert.Equal("memory", e.Decode.Bound);
        Assert.InRange(e.TpotSeconds / (LlmProfiler.WeightBytesPerChip(c, default) / 3.35e12), 0.97, 1.05);
        var chip = ModelMeter.Roofline.LlmRoofline.ToLlmChip(hw);
        Assert.True(chip.NvLink);
        Assert.Equal(450e9, chip.LinkBandwidth); // NVLink4 900 GB/s bidirectional
    }
}

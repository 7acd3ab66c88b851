using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Hardware;
using ModelMeter.Llm;
using ModelMeter.Roofline;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests.Engines;

/// <summary>The bound and the prediction: first-principles properties and hand-computed waves.</summary>
public sealed class ForecastTests
{
    [Fact]
    public void WavesAndSplitKByHand()
    {
        // 1024 × 1024 output, K = 4096 on 108 SMs: 256×128 tiles give 4 × 8 = 32 tiles, split K 3 ways (108 / 32 = 3 whole) = 96
        // units in one wave: 96 / 108 of the SMs busy; no other tile shape does better (128×128: 64/108; 64×64: 256 in 3 waves)
        // × the K-loop fill: each split slice of 4096 / 3 elements pays 3 × 32 elements of pipeline fill and drain
        Assert.Equal(96.0 / 108 * (4096.0 / 3 / (4096.0 / 3 + 96)), GemmWaves.Efficiency(new GemmShape(1024, 1024, 4096), 108, 312e12, 0, 2), 12);
        // a GEMM that fills whole waves of whole tiles wastes nothing
        Assert.Equal(4096.0 / (4096 + 96), GemmWaves.Efficiency(new GemmShape(256 * 108, 128, 4096), 108, 312e12, 0, 2), 12);
        // a tile the on-chip bandwidth cannot feed: 64×64 fp16 reads (64+64)·2 bytes per 64·64·2 FLOPs = 32 FLOP/B
        Assert.Equal(32 * 1e12 / 312e12 * (64.0 / (64 + 96)), GemmWaves.Efficiency(new GemmShape(64 * 108, 64, 64), 108, 312e12, 1e12, 2), 6);
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "zoo:resnet50", "t4", "tensorrt" }, { "zoo:resnet50", "a100-80g-sxm", "pytorch-eager" }, { "zoo:mobilenet_v2", "l4", "onnxruntime-cuda" },
        { "zoo:bert-base", "h100-sxm", "tensorrt" }, { "zoo:vit_b_16", "l40s", "tensorrt" }, { "zoo:resnet18", "xeon-8480", "onnxruntime-cpu" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BoundIsBelowPredictionAndBelowTheNodeRoofline(string zoo, string chip, string engine)
    {
        var hw = HardwareCatalog.Default.Get(chip);
        foreach (var batch in new[] { 1, 32 })
        {
            var profile = Analyzer.Analyze(ModelZoo.Build(zoo), new ShapeOptions(Dims: new Dictionary<string, long> { ["batch"] = batch, ["sequence"] = 128 }));
            var options = new EstimateOptions(PrecisionPlan.Fp16, batch);
            var plain = profile.Estimate(hw, options, batch);
            var e = plain.WithForecast(profile, hw, EngineCatalog.Default.Get(engine), options, batch);
            Assert.True(e.BoundLatencyS <= e.PredictedLatencyS, $"{zoo} {chip} b{batch}: bound {e.BoundLatencyS} > predicted {e.PredictedLatencyS}");
            Assert.True(e.BoundLatencyS <= plain.LatencyS * (1 + 1e-9), $"{zoo} {chip} b{batch}: fused bound {e.BoundLatencyS} > node roofline {plain.LatencyS}");
            Assert.Equal(e.PredictedLatencyS, e.LatencyS);
            Assert.Equal(plain.LatencyS, e.NodeRooflineLatencyS);
            Assert.All(e.Forecast!.Kernels, k => Assert.True(k.BoundS <= k.PredictedS + 1e-15, k.Name));
        }
    }

    [Fact]
    public void WithoutAnEngineTheDefaultIsAssumedAndTheLatencyStaysTheNodeRoofline()
    {
        var hw = HardwareCatalog.Default.Get("t4");
        var profile = Analyzer.Analyze(ModelZoo.Build("zoo:resnet18"));
        var plain = profile.Estimate(hw);
        var e = plain.WithForecast(profile, hw, null, default);
        Assert.Equal("tensorrt", e.Engine);
        Assert.True(e.EngineAssumed);
        Assert.Equal(plain.LatencyS, e.LatencyS);
        Assert.Contains(e.Notes, n => n.Contains("assumed tensorrt", StringComparison.Ordinal));
        // an engine that does not run on the chip's kind falls back, and says so
        var cpu = HardwareCatalog.Default.Get("xeon-8480");
        var f = profile.Estimate(cpu).WithForecast(profile, cpu, EngineCatalog.Default.Get("tensorrt"), default);
        Assert.Equal("onnxruntime-cpu", f.Engine);
        Assert.Contains(f.Notes, n => n.Contains("tensorrt does not run on xeon-8480", StringComparison.Ordinal));
        // vendors: TensorRT is NVIDIA's; an AMD GPU's default is MIGraphX, an Apple GPU's Core ML, a TPU's XLA
        Assert.Equal(["migraphx", "coreml", "xla"], new[] { "mi300x", "m2-max-gpu", "tpu-v5e" }
            .Select(id => EngineCatalog.Default.DefaultFor(HardwareCatalog.Default.Get(id)).Id));
        var amd = HardwareCatalog.Default.Get("mi300x");
        Assert.Equal("migraphx", profile.Estimate(amd).WithForecast(profile, amd, EngineCatalog.Default.Get("tensorrt"), default).Engine);
    }

    [Fact]
    public void DecodeCannotBeatStreamingTheWeights()
    {
        // one decode step reads every weight once except the embedding table (one row per token): TPOT ≥ those bytes / bandwidth
        var hw = HardwareCatalog.Default.Get("a100-80g-sxm");
        var config = LlmConfigLoader.Resolve("llama-2-7b");
        var est = hw.EstimateLlm(config, new LlmOptions(), new LlmWorkload(128, 128, [1])).WithForecast(hw, EngineCatalog.Default.Get("vllm"));
        var p = Assert.Single(est.Predictions);
        double embedding = 2.0 * config.Vocab * config.Hidden; // llama-2-7b's untied fp16 input embedding
        double floor = (LlmProfiler.WeightBytesPerChip(config, new LlmOptions()) - embedding) / hw.BandwidthBytesPerSecond;
        Assert.True(p.BoundTpotS >= floor, $"{p.BoundTpotS} < {floor}");
        Assert.True(p.PredictedTpotS > p.BoundTpotS);
        Assert.Equal("vllm", p.Engine);
        Assert.False(p.EngineAssumed);
    }

    [Fact]
    public void EveryEngineFigureHasASource()
    {
        foreach (var e in EngineCatalog.Default.Engines)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.SourceOf("fusion")) || e.SourceOf("fusion") == "—", e.Id);
            Assert.NotEqual("—", e.SourceOf("kernel_gap_s"));
            Assert.InRange(e.GemmFraction, 0.1, 1);
            Assert.InRange(e.DecodeBandwidthFraction, 0.1, 1);
            Assert.NotEmpty(e.RunsOn);
        }
        foreach (var a in EngineCatalog.Default.Architectures)
        {
            Assert.True(a.Sources.ContainsKey("gemm") && a.Sources.ContainsKey("bandwidth"), a.Id);
            Assert.InRange(a.Bandwidth, 0.5, 1);
            Assert.All(a.Gemm.Values, v => Assert.InRange(v, 0.3, 1));
        }
    }
}

using Xunit;
using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Roofline;

namespace ModelMeter.Tests.Roofline;

public class RooflineTests
{
    static HardwareSpec Hw(string id) => HardwareCatalog.Default.Get(id);

    // 4096³ GEMM: 2·4096³ FLOPs; A, B (weights) and C of 4096² fp32 each.
    const double N = 4096;
    static RooflineNode Gemm() => new("gemm", "MatMul", OpClass.Gemm, Precision.Fp32, 2 * N * N * N, 2 * N * N * 4, N * N * 4, N * N * 4);

    // Add of two 10M-float tensors: 10M FLOPs; 2·10M·4 bytes read, 10M·4 written.
    const double M = 10_000_000;
    static RooflineNode Add() => new("add", "Add", OpClass.Elementwise, Precision.Fp32, M, 2 * M * 4, M * 4, 0);

    [Fact]
    public void Large_gemm_is_compute_bound_on_t4_fp32()
    {
        var e = RooflineEstimator.Estimate([Gemm()], Hw("t4"));
        var n = Assert.Single(e.Nodes);
        Assert.Equal(Bound.Compute, n.Bound);
        Assert.Equal(3 * N * N * 4, n.Bytes);
        Assert.Equal(2 * N * N * N / (3 * N * N * 4), n.Intensity!.Value, 9);
        Assert.Equal(2 * N * N * N / 8.1e12, n.TimeS, 15);
        Assert.Equal(8.1e12, n.AttainableFlopsPerS);
        Assert.Equal(PeakPath.Tensor, n.PeakPath);
        Assert.Equal(n.TimeS, e.LatencyS);
        Assert.Equal(1 / n.TimeS, e.ThroughputPerS, 9);
        Assert.Equal(0, e.MemoryBoundFraction);
        Assert.Equal(1, e.ShareOfPeak, 12);
        Assert.Equal("model", e.Precision);
    }

    [Fact]
    public void Large_gemm_is_compute_bound_on_t4_fp16()
    {
        var e = RooflineEstimator.Estimate([Gemm()], Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16));
        var n = Assert.Single(e.Nodes);
        Assert.Equal(Precision.Fp16, n.Precision);
        Assert.Equal(Bound.Compute, n.Bound);
        Assert.Equal(3 * N * N * 2, n.Bytes);
        Assert.Equal(2 * N * N * N / 65e12, n.TimeS, 15);
        Assert.Equal("fp16", e.Precision);
    }

    [Fact]
    public void Elementwise_add_is_memory_bound_on_t4()
    {
        var n = Assert.Single(RooflineEstimator.Estimate([Add()], Hw("t4")).Nodes);
        Assert.Equal(Bound.Memory, n.Bound);
        Assert.Equal(120e6, n.Bytes);
        Assert.Equal(120e6 / 320e9, n.TimeS, 15);
        Assert.Equal(M / 120e6 * 320e9, n.AttainableFlopsPerS, 3);
        Assert.Equal(PeakPath.Vector, n.PeakPath);
        Assert.Equal(8.1e12, n.PeakFlopsPerS);

        var half = Assert.Single(RooflineEstimator.Estimate([Add()], Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16)).Nodes);
        Assert.Equal(Bound.Memory, half.Bound);
        Assert.Equal(60e6 / 320e9, half.TimeS, 15);
        Assert.Equal(2 * 8.1e12, half.PeakFlopsPerS); // vector fp16 derived as 2 × fp32 on NVIDIA
    }

    // ConvNeXt-T stage-1 depth-wise 7×7 conv, 96 channels, 56×56, fp32: 2·49·96·56·56 FLOPs over
    // 4·(2·96·56·56 + 49·96) bytes = 12.16 FLOP/byte, between the A100 80GB (19.5 TF / 2039 GB/s = 9.56)
    // and L4 (30.3 TF / 300 GB/s = 101) fp32 vector ridge points.
    static RooflineNode Depthwise()
    {
        const double chw = 96 * 56 * 56, w = 49 * 96 * 4;
        return new("dw", "Conv", OpClass.DepthwiseConv, Precision.Fp32, 2 * 49 * chw, chw * 4 + w, chw * 4, w);
    }

    [Fact]
    public void Depthwise_conv_bound_changes_between_chips()
    {
        var dw = Depthwise();
        var a100 = Assert.Single(RooflineEstimator.Estimate([dw], Hw("a100-80g-sxm")).Nodes);
        var l4 = Assert.Single(RooflineEstimator.Estimate([dw], Hw("l4")).Nodes);
        Assert.Equal(PeakPath.Vector, a100.PeakPath); // depth-wise never uses the tensor peak
        Assert.Equal(Bound.Compute, a100.Bound);
        Assert.Equal(dw.Flops / 19.5e12, a100.TimeS, 15);
        Assert.Equal(Bound.Memory, l4.Bound);
        Assert.Equal(dw.Bytes / 300e9, l4.TimeS, 15);
        Assert.InRange(dw.Flops / dw.Bytes, Hw("a100-80g-sxm").RidgePoint(Precision.Fp32)!.Value, Hw("l4").RidgePoint(Precision.Fp32)!.Value);
    }

    [Theory]
    [InlineData("t4", "tf32", OpClass.Gemm, Precision.Fp32, 8.1)]
    [InlineData("t4", "bf16", OpClass.Gemm, Precision.Fp16, 65)]
    [InlineData("h100-sxm", "int4", OpClass.Gemm, Precision.Int8, 1979)]
    [InlineData("v100-sxm2-32g", "int4", OpClass.Conv, Precision.Int8, 62.7)] // no INT4: INT8 via dp4a on CUDA cores, not the FP16 tensor rate
    [InlineData("h100-sxm", "fp4", OpClass.Gemm, Precision.Fp8, 1979)] // Hopper has no FP4 units: FP4 weights run as FP8 kernels
    [InlineData("tpu-v4", "fp32", OpClass.Elementwise, Precision.Bf16, 275)]
    [InlineData("a100-80g-sxm", "fp32", OpClass.Gemm, Precision.Fp32, 19.5)]
    public void Missing_precisions_fall_back_with_a_note(string hw, string plan, OpClass cls, Precision used, double tflops)
    {
        var node = new RooflineNode("n", "X", cls, Precision.Fp32, 1e12, 1e6, 1e6, 0);
        var e = RooflineEstimator.Estimate([node], Hw(hw), new EstimateOptions(PrecisionPlan.Parse(plan)));
        var n = Assert.Single(e.Nodes);
        Assert.Equal(used, n.PeakPrecision);
        Assert.Equal(tflops * 1e12, n.PeakFlopsPerS, 3);
        if (PrecisionPlan.Parse(plan).Compute != used)
        {
            Assert.NotNull(n.Note);
            Assert.Contains(n.Note, e.Notes);
        }
    }

    [Fact]
    public void Chip_without_peaks_is_a_clear_error()
    {
        var e = Assert.Throws<ModelMeterException>(() => RooflineEstimator.Estimate([Add()], Hw("epyc-9654") with { PeakTflops = new Dictionary<Precision, double>() }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("epyc-9654", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_if_rescales_weights_and_activations_separately()
    {
        // W4A16 on the GEMM: weights 4096²·0.5 bytes, activations (A and C) 2·4096²·2 bytes, fp16 compute.
        var n = Assert.Single(RooflineEstimator.Estimate([Gemm()], Hw("t4"), new EstimateOptions(PrecisionPlan.W4A16)).Nodes);
        Assert.Equal(N * N * 0.5 + 2 * N * N * 2, n.Bytes);
        Assert.Equal(N * N * 0.5, n.WeightBytes);
        Assert.Equal(Precision.Fp16, n.Precision);
        var w8 = Assert.Single(RooflineEstimator.Estimate([Gemm()], Hw("t4"), new EstimateOptions(PrecisionPlan.W8A8)).Nodes);
        Assert.Equal(3 * N * N, w8.Bytes);
        Assert.Equal(2 * N * N * N / 130e12, w8.TimeS, 15);
        // index arithmetic is not rescaled
        var shape = new RooflineNode("s", "Gather", OpClass.DataMovement, Precision.Int32, 0, 64, 32, 0);
        Assert.Equal(96, Assert.Single(RooflineEstimator.Estimate([shape], Hw("t4"), new EstimateOptions(PrecisionPlan.Int4)).Nodes).Bytes);
    }

    [Fact]
    public void Batch_scales_flops_and_activations_not_weights()
    {
        var e = RooflineEstimator.Estimate([Add()], Hw("t4"), new EstimateOptions(Batch: 8));
        Assert.Equal(8, e.Batch);
        Assert.Equal(8 * 120e6 / 320e9, e.LatencyS, 15);
        Assert.Equal(8 / e.LatencyS, e.ThroughputPerS, 6);
        Assert.Equal(1, e.MemoryBoundFraction);
        var g = Assert.Single(RooflineEstimator.Estimate([Gemm()], Hw("t4"), new EstimateOptions(Batch: 4)).Nodes);
        Assert.Equal(N * N * 4 + 4 * 2 * N * N * 4, g.Bytes);
        Assert.Equal(4 * 2 * N * N * N, g.Flops);
    }

    [Fact]
    public void Memory_bound_fraction_and_metadata_nodes()
    {
        var meta = new RooflineNode("shape", "Shape", OpClass.Metadata, Precision.Int32, 0, 0, 32, 0);
        var e = RooflineEstimator.Estimate([Gemm(), Add(), meta], Hw("t4"));
        var add = 120e6 / 320e9;
        Assert.Equal(add / e.LatencyS, e.MemoryBoundFraction, 12);
        Assert.Equal(Bound.None, e.Nodes[2].Bound);
        Assert.Equal(0, e.Nodes[2].TimeS);
        Assert.Equal(8.1e12, e.PeakFlopsPerS);
        Assert.Equal((2 * N * N * N + M) / e.LatencyS / 8.1e12, e.ShareOfPeak, 12);
    }

    [Fact]
    public void Memory_fit_and_largest_batch()
    {
        var input = new RooflineInput([Gemm()]) { WeightBytes = 1e9, PeakActivationBytes = 1e8 };
        var e = RooflineEstimator.Estimate(input, Hw("t4"));
        Assert.True(e.FitsInMemory);
        Assert.Equal(1.1e9, e.Memory.TotalBytes);
        // the T4's usable memory is 15,360 MiB = 16,106,127,360 B (nvidia-smi): floor((16.106e9 − 1e9) / 1e8) = 151
        Assert.Equal(151, e.Memory.MaxBatch);
        Assert.False(RooflineEstimator.Estimate(input, Hw("t4"), new EstimateOptions(Batch: 152)).FitsInMemory);
        // fp16 halves both weights and activations: floor((16.106e9 − 0.5e9) / 0.5e8) = 312
        Assert.Equal(312, RooflineEstimator.Estimate(input, Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16)).Memory.MaxBatch);
        Assert.Null(RooflineEstimator.Estimate(input, Hw("epyc-9654") with { PeakTflops = new Dictionary<Precision, double> { [Precision.Fp32] = 5 } }).FitsInMemory);
    }

    [Fact]
    public void Calibration_applies_efficiency_and_overhead()
    {
        var hw = Hw("t4") with
        {
            Calibration = new Calibration("test", null, new Dictionary<OpClass, CalibrationFactors> { [OpClass.Gemm] = new(0.5, 1, 1e-5) }),
        };
        var e = RooflineEstimator.Estimate([Gemm(), Add()], hw);
        Assert.True(e.Calibrated);
        Assert.Equal(2 * N * N * N / (0.5 * 8.1e12) + 1e-5, e.Nodes[0].TimeS, 15);
        Assert.Equal(120e6 / 320e9, e.Nodes[1].TimeS, 15);
        var plain = RooflineEstimator.Estimate([Gemm()], hw, new EstimateOptions(IgnoreCalibration: true));
        Assert.Equal(2 * N * N * N / 8.1e12, plain.LatencyS, 15);
    }

    [Fact]
    public void Json_matches_the_contract()
    {
        var json = EstimateJson.Serialize(RooflineEstimator.EstimateMany(new RooflineInput([Gemm(), Add()]), [Hw("t4"), Hw("l4")], [1, 8], PrecisionPlan.Fp16));
        using var doc = JsonDocument.Parse(json);
        var estimates = doc.RootElement.GetProperty("estimates");
        Assert.Equal(4, estimates.GetArrayLength());
        var first = estimates[0];
        foreach (var f in new[] { "hardware", "precision", "batch", "latency_s", "throughput_per_s", "memory_bound_fraction", "fits_in_memory", "nodes" })
            Assert.True(first.TryGetProperty(f, out _), f);
        Assert.Equal("t4", first.GetProperty("hardware").GetString());
        Assert.Equal("fp16", first.GetProperty("precision").GetString());
        Assert.Equal(8, estimates[1].GetProperty("batch").GetInt32());
        var node = first.GetProperty("nodes")[0];
        foreach (var f in new[] { "name", "precision", "flops", "bytes", "intensity", "attainable_flops_per_s", "time_s", "bound" })
            Assert.True(node.TryGetProperty(f, out _), f);
        Assert.Equal("compute", node.GetProperty("bound").GetString());
        Assert.Equal("fp16", node.GetProperty("precision").GetString());
        Assert.Equal("memory", first.GetProperty("nodes")[1].GetProperty("bound").GetString());
    }

    [Fact]
    public void Unknown_precision_lists_the_valid_ones()
        => Assert.Contains("w4a16", Assert.Throws<ModelMeterException>(() => PrecisionPlan.Parse("fp12")).Message, StringComparison.Ordinal);
}

public class ModelProfileRooflineTests
{
    [Fact]
    public void Profile_nodes_and_totals_feed_the_roofline()
    {
        var profile = new ModelProfile
        {
            Model = new ModelInfo("m.onnx", "m", "test", 8, 17),
            Nodes =
            [
                new NodeCost { Name = "mm", OpType = "MatMul", Domain = "", Flops = 2_000_000, BytesRead = 3000, BytesWritten = 1000, WeightBytes = 2000, Precision = Precision.Fp32, Class = OpClass.Gemm },
            ],
            Totals = new ModelTotals { WeightBytes = 2000, PeakActivationBytes = 5000 },
        };
        var input = profile.ToRooflineInput();
        var n = Assert.Single(input.Nodes);
        Assert.Equal(("mm", "MatMul", OpClass.Gemm, Precision.Fp32, 2e6, 3000d, 1000d, 2000d), (n.Name, n.OpType, n.Class, n.Precision, n.Flops, n.BytesRead, n.BytesWritten, n.WeightBytes));
        var e = profile.Estimate(HardwareCatalog.Default.Get("t4"));
        Assert.Equal(7000, e.Memory.TotalBytes);
        Assert.Equal(2e6 / 8.1e12, e.LatencyS, 15);
    }
}

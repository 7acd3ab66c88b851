using System.Text.Json;
using ModelMeter.Cli;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Hardware;
using ModelMeter.Roofline;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Roofline;

/// <summary>Review of issue 4 (roofline): each test pins a bug found in review, with hand-computed numbers.</summary>
public class RooflineReviewTests
{
    static HardwareSpec Hw(string id) => HardwareCatalog.Default.Get(id);

    // Embedding-style Gather in fp32: table 1000×64 fp32 (weights, 256,000 B), indices int64[128] (1,024 B, an index tensor),
    // output 128×64 fp32 (32,768 B).
    static RooflineNode Embedding() => new("emb", "Gather", OpClass.DataMovement, Precision.Fp32, 0, 256_000 + 1_024, 32_768, 256_000)
    {
        IndexBytes = 1_024,
    };

    [Fact]
    public void What_if_does_not_rescale_int64_indices()
    {
        // fp16: weights 256,000 / 2 = 128,000; output 32,768 / 2 = 16,384; indices stay 1,024 → 145,408 B.
        // (Rescaling the whole activation gave (1,024 + 32,768) / 2 = 16,896 → 144,896 B.)
        var n = Assert.Single(RooflineEstimator.Estimate([Embedding()], Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16)).Nodes);
        Assert.Equal(145_408, n.Bytes);
        Assert.Equal(128_000, n.WeightBytes);
        // w4a16: weights 256,000 / 8 = 32,000; output 32,768 / 2 = 16,384; indices 1,024 → 49,408 B.
        Assert.Equal(49_408, Assert.Single(RooflineEstimator.Estimate([Embedding()], Hw("t4"), new EstimateOptions(PrecisionPlan.W4A16)).Nodes).Bytes);
        // A Shape node of a float tensor writes int64[4] = 32 B whatever the plan (it showed 8 B at int8).
        var shape = new RooflineNode("shape", "Shape", OpClass.Metadata, Precision.Fp32, 0, 0, 32, 0) { IndexBytes = 32 };
        Assert.Equal(32, Assert.Single(RooflineEstimator.Estimate([shape], Hw("t4"), new EstimateOptions(PrecisionPlan.Int8)).Nodes).Bytes);
    }

    [Fact]
    public void Fp16_model_asked_for_fp32_doubles_its_numeric_bytes()
    {
        // fp16 Add of 1M elements: 4 MB read, 2 MB written → fp32: 12 MB; a bool mask of 1M (1 MB) is read as well and stays 1 MB.
        var add = new RooflineNode("add", "Where", OpClass.Elementwise, Precision.Fp16, 1e6, 4e6 + 1e6, 2e6, 0) { IndexBytes = 1e6 };
        var n = Assert.Single(RooflineEstimator.Estimate([add], Hw("t4"), new EstimateOptions(PrecisionPlan.Fp32)).Nodes);
        Assert.Equal(13e6, n.Bytes);
        Assert.Equal(Precision.Fp32, n.Precision);
        Assert.Equal(13e6 / 320e9, n.TimeS, 15);
    }

    [Fact]
    public void Profile_counts_index_bytes_per_node()
    {
        // Gather(x: float[1000,64], idx: int64[128]) → float[128,64]: reads 256,000 + 1,024 B of which 1,024 are int64 indices.
        var profile = Analyzer.Analyze(GatherModel(Dim.Of(128)));
        var n = Assert.Single(profile.Nodes);
        Assert.Equal(257_024, n.BytesRead);
        Assert.Equal(1_024, n.IndexBytes);
        Assert.Equal(0, n.IndexWeightBytes);
        var rn = n.ToRooflineNode();
        Assert.Equal(1_024, rn.IndexBytes);
    }

    static Model GatherModel(Dim tokens) => new()
    {
        Path = "mem:gather", IrVersion = 8, Opsets = new Dictionary<string, long> { [""] = 17 },
        Graph = new Graph
        {
            Name = "gather",
            Inputs =
            [
                new ValueInfo("x", new TensorType(DataType.Float, new Shape([1000, 64]))),
                new ValueInfo("idx", new TensorType(DataType.Int64, new Shape([tokens]))),
            ],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
            Nodes = [new Node { Name = "gather", OpType = "Gather", Inputs = ["x", "idx"], Outputs = ["y"] }],
        },
    };

    [Fact]
    public void Max_batch_is_the_same_at_every_batch_of_a_re_analysed_model()
    {
        // A model re-analysed at batch 1 and batch 32: an fp32 Relu whose activations are 1,000 B per sample, and an index node
        // (a Shape → Gather chain, 100 B) that does not grow with the batch. Peak activations: 1,000 B per sample.
        // fp16: 500 B per sample; weights 1e9 × 2 / 4 = 0.5e9: max batch = floor((16,106,127,360 − 0.5e9) / 500) = 31,212,254 at
        // either batch (the T4's usable 15,360 MiB).
        // (The ratio over all node bytes made the fp16 peak 545 B at batch 1 and 16,049 B at batch 32: two different answers.)
        RooflineInput At(int b) => new([
            new RooflineNode("relu", "Relu", OpClass.Elementwise, Precision.Fp32, 250 * b, 500 * b + 4e9 / 4, 500 * b, 1e9),
            new RooflineNode("idx", "Gather", OpClass.DataMovement, Precision.Int32, 0, 60, 40, 0),
        ]) { Batch = b, WeightBytes = 1e9, PeakActivationBytes = 1_000 * b };
        var e1 = RooflineEstimator.Estimate(At(1), Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16, 1));
        var e32 = RooflineEstimator.Estimate(At(32), Hw("t4"), new EstimateOptions(PrecisionPlan.Fp16, 32));
        Assert.Equal(500, e1.Memory.ActivationBytes, 9);
        Assert.Equal(16_000, e32.Memory.ActivationBytes, 9);
        Assert.Equal(0.5e9, e1.Memory.WeightBytes, 3);
        Assert.Equal(31_212_254, e1.Memory.MaxBatch);
        Assert.Equal(e1.Memory.MaxBatch, e32.Memory.MaxBatch);
    }

    [Fact]
    public void A_node_that_does_no_work_is_bound_by_neither_roof()
    {
        // An op that was not counted (unknown op) has 0 FLOPs and 0 bytes: time 0, intensity null, bound none, and it adds
        // nothing to the memory-bound share: the Add alone is 100% of the latency and memory-bound.
        var uncounted = new RooflineNode("custom", "MyOp", OpClass.Other, Precision.Fp32, 0, 0, 0, 0);
        var add = new RooflineNode("add", "Add", OpClass.Elementwise, Precision.Fp32, 1e6, 8e6, 4e6, 0);
        var e = RooflineEstimator.Estimate([uncounted, add], Hw("t4"));
        Assert.Equal(Bound.None, e.Nodes[0].Bound);
        Assert.Equal(0, e.Nodes[0].TimeS);
        Assert.Null(e.Nodes[0].Intensity);
        Assert.Equal(1, e.MemoryBoundFraction);
        using var doc = JsonDocument.Parse(EstimateJson.Serialize([e]));
        var node = doc.RootElement.GetProperty("estimates")[0].GetProperty("nodes")[0];
        Assert.Equal(JsonValueKind.Null, node.GetProperty("intensity").ValueKind);
        Assert.Equal("none", node.GetProperty("bound").GetString());
    }

    [Theory]
    [InlineData("a100-80g-sxm", "fp8", OpClass.Gemm, Precision.Fp16, 312)] // A100 has no FP8: its FP16 tensor peak
    [InlineData("t4", "tf32", OpClass.Conv, Precision.Fp32, 8.1)]          // T4 has no TF32: FP32 CUDA cores
    [InlineData("t4", "bf16", OpClass.Conv, Precision.Fp16, 65)]           // T4 has no BF16: FP16 tensor cores
    [InlineData("h100-sxm", "int4", OpClass.Conv, Precision.Int8, 1979)]   // H100 has no INT4: INT8 tensor peak
    [InlineData("t4", "int8", OpClass.Elementwise, Precision.Int8, 16.2)]  // vector int8 = vector fp16 = 2 × 8.1
    public void Fallback_chain_picks_the_documented_peak(string hw, string plan, OpClass cls, Precision used, double tflops)
    {
        var node = new RooflineNode("n", "X", cls, Precision.Fp32, 1e12, 1e6, 1e6, 0);
        var n = Assert.Single(RooflineEstimator.Estimate([node], Hw(hw), new EstimateOptions(PrecisionPlan.Parse(plan))).Nodes);
        Assert.Equal(used, n.PeakPrecision);
        Assert.Equal(tflops * 1e12, n.PeakFlopsPerS, 3);
        Assert.Equal(1e12 / (tflops * 1e12), n.TimeS, 15);
    }

    [Fact]
    public void Resnet50_fp16_on_t4_largest_batch_by_hand()
    {
        // ResNet-50: 25,557,032 params + 53,120 BN running statistics = 25,610,152 floats = 102,440,608 B in fp32, 51,220,304 B
        // in fp16. Peak live activations at batch 1: a bottleneck Add with two 256×56×56 inputs and its output,
        // 3 × 802,816 floats = 9,633,792 B fp32 = 4,816,896 B fp16 per image.
        // Largest batch on a T4 (16 GiB, 15,360 MiB = 16,106,127,360 B usable per nvidia-smi):
        // floor((16,106,127,360 − 51,220,304) / 4,816,896) = floor(3333.03) = 3333; batch 64 needs
        // 51,220,304 + 64 × 4,816,896 = 359,501,648 B.
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4", "--precision", "fp16", "--batch", "1,64", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        foreach (var e in doc.RootElement.GetProperty("estimates").EnumerateArray())
        {
            var m = e.GetProperty("memory");
            Assert.Equal(51_220_304, m.GetProperty("weight_bytes").GetDouble(), 1e-3);
            Assert.Equal(3333, m.GetProperty("max_batch").GetInt64());
        }
        Assert.Equal(359_501_648, doc.RootElement.GetProperty("estimates")[1].GetProperty("memory").GetProperty("total_bytes").GetDouble(), 1e-3);
    }

    [Fact]
    public void Fallback_notes_of_every_chip_are_shown()
    {
        // The H100 has no INT4 peak (falls back to INT8); the T4 has one. The note must reach the console and the HTML page
        // although the T4 is listed first.
        const string note = "int4 has no tensor peak on h100-sxm; used int8";
        var table = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4,h100-sxm", "--precision", "int4");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(note, table.Out, StringComparison.Ordinal);
        var html = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4,h100-sxm", "--precision", "int4", "--format", "html");
        Assert.Equal(0, html.ExitCode);
        Assert.Contains(note, html.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrated_summary_does_not_claim_datasheet_peaks()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mm-cal-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "id": "t4-cal", "name": "T4 calibrated", "kind": "gpu", "vendor": "NVIDIA", "peak_tflops": { "fp32": 8.1, "fp16": 65 },
              "memory_bandwidth_gbps": 320, "memory_gb": 16,
              "calibration": { "source": "test", "default": { "compute_efficiency": 0.5, "bandwidth_efficiency": 0.5, "overhead_s": 1e-5 } } }
            """);
        try
        {
            // Relu over 1×3×8×8 fp32: 768 B read + 768 B written at half of 320 GB/s, + 10 µs overhead = 1536 / 160e9 + 1e-5 s.
            var r = CliRunner.Run("analyze", "mem:tiny", "--hw", "t4-cal", "--hw-file", file, "--format", "json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var e = doc.RootElement.GetProperty("estimates")[0];
            Assert.True(e.GetProperty("calibrated").GetBoolean());
            Assert.Equal(1536 / 160e9 + 1e-5, e.GetProperty("latency_s").GetDouble(), 15);
            var table = CliRunner.Run("analyze", "mem:tiny", "--hw", "t4-cal", "--hw-file", file);
            Assert.Equal(0, table.ExitCode);
            Assert.DoesNotContain("datasheet peaks, no launch overhead", table.Out, StringComparison.Ordinal);
            Assert.Contains("calibrated", table.Out, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }
}

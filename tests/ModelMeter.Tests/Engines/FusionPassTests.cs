using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Graphs;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests.Engines;

/// <summary>The fusion pass against facts of the architectures: ResNet-50 runs 53 convolutions, 1 fully connected layer and 2
/// pools (He et al. 2016, Table 1, with the 4 projection shortcuts); BERT has one attention per layer (12 in base, 24 in large).</summary>
public sealed class FusionPassTests
{
    static ModelProfile Profile(string zoo, IReadOnlyDictionary<string, long>? dims = null)
        => Analyzer.Analyze(ModelZoo.Build(zoo), new ShapeOptions(Dims: dims));

    static FusionRules Rules(string engine) => EngineCatalog.Default.Get(engine).Fusion;

    [Fact]
    public void TensorRtRunsResNet50AsItsConvolutionsFcAndPools()
    {
        var plan = FusionPass.Run(Profile("zoo:resnet50"), Rules("tensorrt"), "tensorrt");
        Assert.Equal(53, plan.Kernels.Count(k => k.Kind == KernelKind.Conv));
        Assert.Equal(1, plan.Kernels.Count(k => k.Kind == KernelKind.Gemm));
        Assert.Equal(2, plan.Kernels.Count(k => k.Kind == KernelKind.Pooling));
        Assert.Equal(56, plan.Kernels.Count);
        // every BatchNormalization, ReLU and residual Add lives inside a convolution's kernel
        var inConv = plan.Kernels.Where(k => k.Kind == KernelKind.Conv).SelectMany(k => k.Nodes).ToHashSet();
        var profile = Profile("zoo:resnet50");
        foreach (var n in profile.Nodes.Where(n => n.OpType is "BatchNormalization" or "Relu" or "Add"))
            Assert.Contains(n.Name, inConv);
        Assert.Contains(plan.Folded, f => f.OpType == "Flatten" && f.Reason == "view");
    }

    [Fact]
    public void SqueezeExcitationScaleIsNotAConvEpilogue()
    {
        // MobileNetV3 (Howard et al. 2019): the SE block's fc2 (a 1×1 conv on the pooled 72×1×1 vector) and its hard-sigmoid run once per
        // channel; the Mul that scales the 72×28×28 feature map by them writes 784× more elements than fc2 does, so it cannot run in
        // fc2's epilogue: it is a kernel of its own, and fc2's kernel moves only the small vectors and its weights
        var plan = FusionPass.Run(Profile("zoo:mobilenet_v3_large"), Rules("tensorrt"), "tensorrt");
        var fc2 = plan.Kernels.Single(k => k.Nodes.Contains("features.4.block.2.fc2"));
        Assert.Contains("features.4.block.2.scale_activation", fc2.Nodes);
        Assert.DoesNotContain("features.4.block.2.mul", fc2.Nodes);
        Assert.True(fc2.Bytes < 20_000, $"fc2 kernel moves {fc2.Bytes} bytes"); // 72 + 24 floats in and out, 72×24 + 72 weights: ~7.6 kB
        Assert.DoesNotContain(plan.Kernels, k => k.Kind == KernelKind.Conv && k.Nodes.Any(n => n.EndsWith(".block.2.mul", StringComparison.Ordinal)) && k.Gemm is { M: 1 });
    }

    [Fact]
    public void FusedConvBnReluMovesOnlyItsInputWeightsAndOutput()
    {
        // conv1 of ResNet-50 at batch 1, fp32: input 3×224×224, weights 64×3×7×7 (no bias; BN folded into them), output 64×112×112
        var plan = FusionPass.Run(Profile("zoo:resnet50"), Rules("tensorrt"), "tensorrt");
        var conv1 = plan.Kernels[0];
        var profile = Profile("zoo:resnet50");
        Assert.Equal(profile.Nodes.Take(3).Select(n => n.Name), conv1.Nodes);
        Assert.Equal(["Conv", "BatchNormalization", "Relu"], profile.Nodes.Take(3).Select(n => n.OpType));
        Assert.Equal(3 * 224 * 224 * 4 + 64 * 3 * 7 * 7 * 4, conv1.BytesRead);
        Assert.Equal(64 * 112 * 112 * 4, conv1.BytesWritten);
        Assert.Equal(64 * 3 * 7 * 7 * 4, conv1.WeightBytes);
        // the folded BatchNormalization does no work at run time; the ReLU's max per element stays in the epilogue
        Assert.Equal(2L * 118_013_952 + 64 * 112 * 112, conv1.Flops);
    }

    [Fact]
    public void EagerRunsEveryNodeButViews()
    {
        var profile = Profile("zoo:resnet50");
        var plan = FusionPass.Run(profile, Rules("pytorch-eager"), "pytorch-eager");
        Assert.Equal(profile.Nodes.Count - 1, plan.Kernels.Count); // Flatten is a view
        Assert.Equal(profile.Nodes.Sum(n => n.MemoryAccessBytes), plan.Kernels.Sum(k => k.Bytes) + profile.Nodes.Where(n => n.OpType == "Flatten").Sum(n => n.MemoryAccessBytes));
        Assert.Equal(profile.Totals.Flops, (long)plan.Kernels.Sum(k => k.Flops));
    }

    [Theory]
    [InlineData("zoo:bert-base", 12)]
    [InlineData("zoo:bert-large", 24)]
    public void AttentionIsOneKernelPerLayer(string zoo, int layers)
    {
        var profile = Profile(zoo, new Dictionary<string, long> { ["batch"] = 1, ["sequence"] = 128 });
        var plan = FusionPass.Run(profile, Rules("tensorrt"), "tensorrt");
        var attention = plan.Kernels.Where(k => k.Kind == KernelKind.Attention).ToList();
        Assert.Equal(layers, attention.Count);
        Assert.DoesNotContain(plan.Kernels, k => k.OpType == "Softmax");
        // the scores (batch × heads × 128 × 128) never reach memory: the kernel reads Q, K, V and writes the context
        long heads = zoo.EndsWith("large", StringComparison.Ordinal) ? 16 : 12, hidden = zoo.EndsWith("large", StringComparison.Ordinal) ? 1024 : 768;
        Assert.All(attention, k => Assert.Equal(4 * 128 * hidden * 4 + 4, k.Bytes)); // + the fp32 scale 1/√d
        var scores = profile.Nodes.First(n => n.OpType == "Softmax");
        Assert.Equal(heads * 128 * 128 * 4, scores.BytesWritten); // what the unfused graph writes and reads back
        // without the rule the scores are written by QKᵀ and read by Softmax
        var unfused = FusionPass.Run(profile, Rules("pytorch-eager"), "pytorch-eager");
        Assert.Equal(layers, unfused.Kernels.Count(k => k.OpType == "Softmax"));
    }

    [Fact]
    public void DequantizedWeightsAreReadAsInt8()
    {
        var b = new GraphBuilder("qdq");
        var x = b.AddInput("x", DataType.Float, Dim.Of(1), Dim.Of(16), Dim.Of(8), Dim.Of(8));
        var w = b.AddConstant("w", DataType.Int8, [32, 16, 3, 3], new double[32 * 16 * 3 * 3]);
        var scale = b.AddInitializer("w_scale", [32]);
        var wf = b.Add("DequantizeLinear", [w, scale], new Dictionary<string, object> { ["axis"] = 0L }, name: "dq_w");
        var y = b.Add("Conv", [x, wf], new Dictionary<string, object> { ["pads"] = new long[] { 1, 1, 1, 1 } }, name: "conv");
        b.Add("Relu", [y], name: "relu");
        b.AddOutput("relu", DataType.Float, Dim.Of(1), Dim.Of(32), Dim.Of(8), Dim.Of(8));
        var profile = Analyzer.Analyze(b.Build());
        var plan = FusionPass.Run(profile, Rules("tensorrt"), "tensorrt");
        var conv = Assert.Single(plan.Kernels);
        Assert.Equal(["dq_w", "conv", "relu"], [.. plan.Folded.Select(f => f.Node), .. conv.Nodes]);
        Assert.Equal(32 * 16 * 3 * 3, conv.WeightBytes); // the int8 weights, not an fp32 copy (scales join the epilogue constants)
    }
}

using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests.Reports;

/// <summary>The kernel plans packed into the workbench page: unpacked as the page does, they are the fusion pass's kernels, and
/// their batch slopes give the kernels of the model re-analysed at another batch.</summary>
public sealed class HtmlKernelPlanTests
{
    private const string Offsets = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static ModelProfile At(string zoo, long batch)
        => Analyzer.Analyze(ModelZoo.Build(zoo), new ShapeOptions(Dims: new Dictionary<string, long> { ["batch"] = batch, ["sequence"] = 128 }));

    /// <summary>Member nodes of each kernel, read back from the one-character-per-node string as forecast.js reads it.</summary>
    private static List<List<int>> Members(HtmlKernelPlan p)
    {
        var far = p.Far.ToDictionary(f => f[0], f => f[1]);
        var members = new List<List<int>>();
        var newest = -1;
        for (var i = 0; i < p.Nodes.Length; i++)
        {
            var ch = p.Nodes[i];
            if (ch == '.') continue;
            int k = ch == '+' ? ++newest : ch == '~' ? far[i] : newest - Offsets.IndexOf(ch, StringComparison.Ordinal);
            if (ch == '~') newest = Math.Max(newest, k);
            while (members.Count <= k) members.Add([]);
            members[k].Add(i);
        }
        return members;
    }

    [Theory]
    [InlineData("zoo:resnet50")]
    [InlineData("zoo:bert-base")]
    public void Packed_plans_are_each_engines_kernels_and_their_slopes_give_another_batch(string zoo)
    {
        var profile = At(zoo, 1);
        var w = HtmlWhatIfBuilder.Build(profile, [HardwareCatalog.Default.Get("t4")], new HtmlWhatIfOptions(1, "batch", At(zoo, 2), (8, At(zoo, 8))));
        var at5 = At(zoo, 5);
        Assert.Equal(EngineCatalog.Default.Engines.Select(e => e.Id), w.Engines.Select(e => e.Id));
        Assert.True(w.KernelPlans.Count < w.Engines.Count, "engines with the same fusion rules share a plan");
        foreach (var engine in EngineCatalog.Default.Engines)
        {
            var packed = w.KernelPlans[w.Engines.Single(e => e.Id == engine.Id).Plan];
            Assert.True(packed.Slopes, engine.Id);
            Assert.Equal(0, packed.NonLinearKernels);
            var members = Members(packed);
            var one = FusionPass.Run(profile, engine.Fusion, engine.Id);
            var five = FusionPass.Run(at5, engine.Fusion, engine.Id, 5);
            Assert.Equal(one.Kernels.Count, members.Count);
            Assert.Equal(five.Kernels.Count, members.Count);
            var anchors = packed.Anchors.ToDictionary(a => a[0], a => a[1]);
            for (var k = 0; k < members.Count; k++)
            {
                var kernel = five.Kernels[k];
                Assert.Equal(kernel.NodeIndices, members[k]);
                Assert.Equal(kernel.Name, profile.Nodes[members[k][anchors.GetValueOrDefault(k)]].Name);
                var sig = packed.Sigs[packed.Sig[k]];
                Assert.Equal((int)kernel.Kind, sig.Kind);
                double[] expected = [kernel.Flops, kernel.BytesRead, kernel.BytesWritten, kernel.WeightBytes, kernel.IndexBytes, kernel.IndexWeightBytes];
                Assert.Equal(expected, sig.Values.Select((v, j) => v + sig.ValueSlopes![j] * 4));
                if (kernel.Gemm is { } g) Assert.Equal([g.M, g.N, g.K], [sig.Gemm![0] + sig.GemmSlope!.Value * 4, sig.Gemm[1], sig.Gemm[2]]);
                else Assert.Null(sig.Gemm);
            }
            Assert.Equal(five.IoBytes, packed.IoBytes + packed.IoSlope * 4);
        }
        if (zoo == "zoo:resnet50") // torchvision's ResNet-50 has 53 convolutions; TensorRT folds every BatchNormalization into one
        {
            var trt = w.KernelPlans[w.Engines.Single(e => e.Id == "tensorrt").Plan];
            Assert.Equal(53, trt.Sig.Count(s => w.KernelKinds[trt.Sigs[s].Kind] == "conv"));
            Assert.DoesNotContain(Members(trt), m => m.Count == 1 && profile.Nodes[m[0]].OpType == "BatchNormalization");
        }
    }
}

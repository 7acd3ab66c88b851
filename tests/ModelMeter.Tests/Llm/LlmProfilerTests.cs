using ModelMeter.Costs;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Llm;

public class LlmProfilerTests
{
    private static readonly LlmConfig Llama2 = LlmConfigLoader.BuiltIn("llama-2-7b");
    private static long GemmFlops(LlmStage s) => s.Profile.Nodes.Where(n => n.Class == OpClass.Gemm).Sum(n => n.Flops);
    private static NodeCost Row(LlmStage s, string name) => s.Profile.Nodes.Single(n => n.Name == name);

    [Fact]
    public void Llama2DecodeFlopsPerTokenAtContext2048ByHand()
    {
        // linear: 32 × (4·4096² + 3·4096·11008) + lm_head 4096·32000 MACs; attention: 32 layers × 2 matmuls × 4096·2048 MACs
        long linearMacs = 32L * (4L * 4096 * 4096 + 3L * 4096 * 11008) + 4096L * 32000;
        long attentionMacs = 32L * 2 * 4096 * 2048;
        var s = LlmProfiler.Decode(Llama2, default, 1, 2048);
        Assert.Equal(2 * (linearMacs + attentionMacs), GemmFlops(s));
        Assert.Equal(14_287_896_576, GemmFlops(s));
        // ≈ 2 × non-embedding params (2 × 6.607 G; the embedding is a lookup) + attention terms (1.07 G); elementwise ops add well under 1 %
        var p = LlmParamCount.Of(Llama2);
        Assert.InRange(s.Profile.Totals.Flops / (2.0 * (p.Total - p.Embedding) + 1.074e9), 1.0, 1.01);
    }

    [Fact]
    public void DecodeAttentionGrowsWithContext()
    {
        var a = LlmProfiler.Decode(Llama2, default, 1, 2048);
        var b = LlmProfiler.Decode(Llama2, default, 1, 4096);
        Assert.Equal(4L * 4096 * 2048 * 32, GemmFlops(b) - GemmFlops(a));
        Assert.Equal(2048L * LlmProfiler.KvBytesPerToken(Llama2, default), b.KvReadBytes - a.KvReadBytes);
    }

    [Fact]
    public void PrefillUnfusedCountsFullScoreMatrixFlashCountsCausalHalf()
    {
        long p = 2048;
        long linearMacs = p * 32L * (4L * 4096 * 4096 + 3L * 4096 * 11008) + 4096L * 32000; // lm_head on the last token only
        var unfused = LlmProfiler.Prefill(Llama2, default, 1, (int)p);
        Assert.Equal(2 * (linearMacs + 32L * 2 * 32 * p * p * 128), GemmFlops(unfused));
        var flash = LlmProfiler.Prefill(Llama2, new LlmOptions(Flash: true), 1, (int)p);
        long pairs = p * (p + 1) / 2;
        // the fused kernel's row also carries its softmax: 5 FLOPs per query-key pair
        Assert.Equal(2 * (linearMacs + 32L * 2 * 32 * pairs * 128) + 32L * 5 * 32 * pairs, GemmFlops(flash));
    }

    [Fact]
    public void FlashAttentionTrafficIsQkvReadOnceAndOutputWrittenOnce()
    {
        var s = LlmProfiler.Prefill(Llama2, new LlmOptions(Flash: true), 1, 2048);
        var r = Row(s, "layers.0.attn.flash");
        long tensor = 2048L * 4096 * 2; // one of Q, K, V, O in fp16
        Assert.Equal(3 * tensor, r.BytesRead);
        Assert.Equal(tensor, r.BytesWritten);
        var unfused = LlmProfiler.Prefill(Llama2, default, 1, 2048);
        // unfused writes the 32 × 2048 × 2048 fp16 score matrix
        Assert.Equal(32L * 2048 * 2048 * 2, Row(unfused, "layers.0.attn.qk").BytesWritten);
    }

    [Fact]
    public void KvCachePerTokenOfLlama2Is512KiBAndHalvesInInt8()
    {
        // 2 (K,V) × 32 layers × 4096 × 2 bytes
        Assert.Equal(524_288, LlmProfiler.KvBytesPerToken(Llama2, default));
        Assert.Equal(262_144, LlmProfiler.KvBytesPerToken(Llama2, new LlmOptions(LlmQuant.Parse("w16a16", "int8"))));
        var d = LlmProfiler.Decode(Llama2, default, 4, 100);
        Assert.Equal(4 * 524_288, d.KvWriteBytes);
        Assert.Equal(4 * 100 * 524_288L, d.KvReadBytes);
    }

    [Fact]
    public void GqaUsesKvHeadsForKeyAndValueProjections()
    {
        var s = LlmProfiler.Decode(LlmConfigLoader.BuiltIn("llama-3-8b"), default, 1, 10);
        Assert.Equal(4096L * 4096, Row(s, "layers.0.attn.q_proj").Macs);
        Assert.Equal(4096L * 1024, Row(s, "layers.0.attn.k_proj").Macs);
        Assert.Equal(4096L * 14336, Row(s, "layers.0.mlp.gate_proj").Macs); // real intermediate size
        Assert.Equal(14336L, Row(s, "layers.0.mlp.act").Flops / 4); // SiLU over the intermediate size
    }

    [Fact]
    public void SlidingWindowCapsDecodeAttention()
    {
        var m = LlmConfigLoader.BuiltIn("mistral-7b");
        Assert.Equal(GemmFlops(LlmProfiler.Decode(m, default, 1, 4096)), GemmFlops(LlmProfiler.Decode(m, default, 1, 8192)));
        Assert.True(GemmFlops(LlmProfiler.Decode(m, default, 1, 4096)) > GemmFlops(LlmProfiler.Decode(m, default, 1, 2048)));
    }

    [Theory]
    [InlineData("gpt2")]
    [InlineData("llama-2-7b")]
    [InlineData("mixtral-8x7b")]
    [InlineData("qwen2.5-7b")]
    [InlineData("phi-3-mini")]
    public void ProfileParamsEqualFormulaTotal(string name)
    {
        var c = LlmConfigLoader.BuiltIn(name);
        Assert.Equal(LlmParamCount.Of(c).Total, LlmProfiler.Decode(c, default, 1, 16).Profile.Totals.Params);
    }

    [Fact]
    public void MoeDecodeUsesActiveExpertsOnly()
    {
        var c = LlmConfigLoader.BuiltIn("mixtral-8x7b");
        var one = LlmProfiler.Decode(c, default, 1, 1);
        var gate = Row(one, "layers.0.mlp.experts.gate_proj");
        Assert.Equal(2L * 4096 * 14336, gate.Macs);               // top-2 experts per token
        Assert.Equal(2L * 4096 * 14336 * 2, gate.WeightBytes);    // two of eight experts' weights read
        var prefill = LlmProfiler.Prefill(c, default, 1, 512);
        Assert.Equal(8L * 4096 * 14336 * 2, Row(prefill, "layers.0.mlp.experts.gate_proj").WeightBytes); // all experts touched
        // decode FLOPs ≈ 2 × active params (12.9 B), embeddings excluded
        Assert.InRange(GemmFlops(one) / (2.0 * (12.88e9 - 32000 * 4096)), 0.99, 1.01);
    }

    [Fact]
    public void QuantizationSetsWeightBytesAndComputePrecision()
    {
        var w4 = LlmProfiler.Decode(Llama2, new LlmOptions(LlmQuant.Parse("w4a16")), 1, 1);
        var q = Row(w4, "layers.0.attn.q_proj");
        Assert.Equal(4096L * 4096 * 4125 / 8000, q.WeightBytes); // 4 bits + an fp16 scale per 128 weights
        Assert.Equal(Precision.Fp16, q.Precision);
        var w8 = LlmProfiler.Decode(Llama2, new LlmOptions(LlmQuant.Parse("w8a8")), 1, 1);
        Assert.Equal(Precision.Int8, Row(w8, "layers.0.attn.q_proj").Precision);
        Assert.Equal(4096L, Row(w8, "layers.0.attn.q_proj").BytesWritten); // int8 activations
        Assert.Equal(Precision.Fp8, Row(LlmProfiler.Decode(Llama2, new LlmOptions(LlmQuant.Parse("fp8")), 1, 1), "layers.0.attn.q_proj").Precision);
    }

    [Fact]
    public void TensorParallelShardsHeadsAndMlpAndAddsTwoAllReducesPerLayer()
    {
        var one = LlmProfiler.Decode(Llama2, default, 1, 8);
        var two = LlmProfiler.Decode(Llama2, new LlmOptions(TensorParallel: 2), 1, 8);
        Assert.Equal(Row(one, "layers.0.attn.q_proj").Macs / 2, Row(two, "layers.0.attn.q_proj").Macs);
        Assert.Equal(Row(one, "layers.0.mlp.down_proj").Macs / 2, Row(two, "layers.0.mlp.down_proj").Macs);
        Assert.Equal(64, two.AllReduces);
        Assert.Equal(4096 * 2, two.AllReduceBytes);
        Assert.Equal(2, two.Profile.Nodes.Count(n => n.OpType == "AllReduce" && n.Name.StartsWith("layers.0.", StringComparison.Ordinal)));
        Assert.Equal(ErrorKind.Usage, Assert.Throws<ModelMeterException>(() => LlmProfiler.Decode(Llama2, new LlmOptions(TensorParallel: 3), 1, 8)).Kind);
    }
}

using System.Text.Json;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Llm;
using ModelMeter.Onnx;
using ModelMeter.Shapes;
using ModelMeter.Tests.Cli;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Tests.Llm;

/// <summary>
/// An ONNX Runtime GenAI–style decoder export analysed with <c>--dim</c> gives the <c>llm</c> cost model's per-token
/// MACs exactly and its FLOPs up to the differences docs/counting.md lists, each checked here by hand:
/// SiLU exported as Sigmoid·Mul (FlopTable: Sigmoid = exp 8 + add 1 + div 4 = 13, Mul 1) is 14 FLOPs per element
/// where the LLM model counts 4; GroupQueryAttention's seqlens_k is ReduceSum over the mask (1 per element) minus 1
/// (1 per sequence); the export computes logits at every position where the LLM model keeps the last one.
/// </summary>
public sealed class DecoderOnnxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mm-decoder-").FullName;

    // Tiny Llama (hidden 256, 4 layers, 8 heads of 32, 2 KV heads, MLP 688, vocab 1000), by hand:
    // per layer: q, o 256·256 = 65,536 each; k, v 256·64 = 16,384 each; MLP 3·256·688 = 528,384 → 692,224 MACs per token.
    private const long LinearMacsPerLayer = 692_224, HeadMacs = 256 * 1000, SiluExtraPerElement = 14 - 4;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ModelProfile Analyze(Model m, long seq, long past, long batch = 1) => Analyzer.Analyze(m, new ShapeOptions(
        Dims: new Dictionary<string, long>
        {
            [DecoderBuilder.Batch] = batch, [DecoderBuilder.Sequence] = seq, [DecoderBuilder.Past] = past, [DecoderBuilder.Total] = past + seq,
        },
        Registry: TestGraphs.Registry));

    private Model RoundTrip(LlmConfig config, DecoderAttention attention)
    {
        var path = Path.Combine(_dir, config.Name + ".onnx");
        OnnxWriter.Write(DecoderBuilder.Build(config, new DecoderOptions(attention, WithWeights: true)), path);
        return OnnxReader.Read(path);
    }

    private static string Shape(ModelProfile p, string output) => p.Outputs.Single(o => o.Name == output).Shape!.ToString();

    [Fact]
    public void Tiny_gqa_decode_at_context_128_matches_llm_decode()
    {
        var m = RoundTrip(DecoderBuilder.TinyLlama, DecoderAttention.GroupQuery);
        Assert.Equal(1, m.Opsets["com.microsoft"]);
        var p = Analyze(m, seq: 1, past: 127);
        var llm = LlmProfiler.Decode(DecoderBuilder.TinyLlama, default, 1, 128).Profile.Totals;
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("[1,2,128,32]", Shape(p, "present.0.key"));
        Assert.Equal("[1,2,128,32]", Shape(p, "present.3.value"));
        Assert.Equal("[1,1,1000]", Shape(p, "logits"));
        // attention per layer: 8 heads · 128 keys · 32 · 2 (QKᵀ and A·V) = 65,536 MACs
        long macs = 4 * (LinearMacsPerLayer + 8 * 128 * 32 * 2) + HeadMacs;
        Assert.Equal(3_287_040, macs);
        Assert.Equal(macs, p.Totals.Macs);
        Assert.Equal(macs, llm.Macs);
        long silu = 4 * 688 * SiluExtraPerElement, mask = 128 + 1;
        Assert.Equal(llm.Flops + silu + mask, p.Totals.Flops);
        Assert.InRange((double)(p.Totals.Flops - llm.Flops) / llm.Flops, 0, 0.005);
        // params: per layer attention 163,840 + MLP 528,384 + 2 norms 512; embeddings and lm_head 256,000 each; final norm 256
        Assert.Equal(3_283_200, p.Totals.Params);
        Assert.Equal(LlmParamCount.Of(DecoderBuilder.TinyLlama).Total, p.Totals.Params);
        Assert.Equal(2 * 2048 * 16, p.Totals.Buffers); // the rotary cos/sin caches
    }

    [Fact]
    public void Tiny_gqa_prefill_matches_llm_prefill_except_logits_at_every_position()
    {
        const int prompt = 16;
        var p = Analyze(RoundTrip(DecoderBuilder.TinyLlama, DecoderAttention.GroupQuery), seq: prompt, past: 0);
        var llm = LlmProfiler.Prefill(DecoderBuilder.TinyLlama, default, 1, prompt).Profile.Totals;
        Assert.Equal("[1,2,16,32]", Shape(p, "present.1.key"));
        Assert.Equal("[1,16,1000]", Shape(p, "logits"));
        long extraHead = (prompt - 1) * HeadMacs; // logits for the 15 earlier positions
        Assert.Equal(prompt * 4 * (LinearMacsPerLayer + 8 * prompt * 32 * 2) + prompt * HeadMacs, p.Totals.Macs);
        Assert.Equal(llm.Macs + extraHead, p.Totals.Macs);
        long silu = 4 * prompt * 688 * SiluExtraPerElement, mask = prompt + 1;
        Assert.Equal(llm.Flops + 2 * extraHead + silu + mask, p.Totals.Flops);
    }

    [Fact]
    public void Tiny_mha_decode_matches_llm_decode()
    {
        var config = ModelZoo.TinyLlamaMha;
        var p = Analyze(RoundTrip(config, DecoderAttention.MultiHead), seq: 1, past: 63);
        var llm = LlmProfiler.Decode(config, default, 1, 64).Profile.Totals;
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.Contains(p.Nodes, n => n.OpType == "MultiHeadAttention");
        Assert.Contains(p.Nodes, n => n.OpType == "RotaryEmbedding");
        Assert.Equal("[1,8,64,32]", Shape(p, "present.2.key"));
        // 8 KV heads: k, v 256·256 each → 790,528 linear MACs per layer; attention 8 · 64 · 32 · 2 = 32,768
        long macs = 4 * (790_528 + 8 * 64 * 32 * 2) + HeadMacs;
        Assert.Equal(macs, p.Totals.Macs);
        Assert.Equal(macs, llm.Macs);
        Assert.Equal(llm.Flops + 4 * 688 * SiluExtraPerElement, p.Totals.Flops); // the mask is only cast (no FLOPs)
        Assert.Equal(LlmParamCount.Of(config).Total, p.Totals.Params);
    }

    [Theory]
    [InlineData("decoder:llama-2-7b", 2048)]
    [InlineData("decoder:llama-3-8b", 1000)]
    [InlineData("decoder-mha:gpt2", 512)]
    [InlineData("decoder:mistral-7b", 2048)] // inside the 4096-token sliding window
    [InlineData("decoder:mistral-7b", 8192)] // beyond it: 4096 keys attended
    public void Full_size_zoo_decoders_match_llm_macs_and_params(string spec, int context)
    {
        var name = spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var config = LlmConfigLoader.BuiltIn(name);
        var p = Analyze(ModelZoo.Build("zoo:" + spec), seq: 1, past: context - 1);
        var llm = LlmProfiler.Decode(config, default, 1, context).Profile.Totals;
        Assert.Equal(0, p.Totals.UnknownNodes);
        Assert.DoesNotContain(p.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(llm.Macs, p.Totals.Macs);
        Assert.Equal(LlmParamCount.Of(config).Total, p.Totals.Params);
        Assert.InRange((double)(p.Totals.Flops - llm.Flops) / llm.Flops, 0, 0.001);
        Assert.Equal($"[1,{config.KvHeads},{context},{config.HeadDim}]", Shape(p, "present.0.key"));
    }

    [Fact]
    public void Llama_2_7b_decode_flops_by_hand()
    {
        // Meta's Llama-2-7B: 32 layers, hidden 4096, 32 heads of 128, MLP 11008, vocab 32000, context 2048.
        // MACs = 32·(4·4096² + 3·4096·11008 + 32·2048·128·2) + 4096·32000 = 7,143,948,288 (linears, attention, lm_head)
        var p = Analyze(ModelZoo.Build("zoo:decoder:llama-2-7b"), seq: 1, past: 2047);
        Assert.Equal(32L * (4L * 4096 * 4096 + 3L * 4096 * 11008 + 32L * 2048 * 128 * 2) + 4096L * 32000, p.Totals.Macs);
    }

    [Fact]
    public void Mistral_7b_decode_beyond_the_sliding_window_attends_window_keys()
    {
        // Mistral-7B-v0.1: 32 layers, hidden 4096, 32 heads of 128, 8 KV heads, MLP 14336, vocab 32000, sliding window 4096.
        // At context 8192 each head attends 4096 keys (Hugging Face's window counts the token itself; the export's
        // local_window_size is 4095, which ONNX Runtime's kernel turns into 4095 + 1 keys).
        var m = ModelZoo.Build("zoo:decoder:mistral-7b");
        Assert.Equal(4095L, m.Graph.Nodes.First(n => n.OpType == "GroupQueryAttention").GetInt("local_window_size", -1));
        var p = Analyze(m, seq: 1, past: 8191);
        long linears = 2L * 4096 * 4096 + 2L * 4096 * 1024 + 3L * 4096 * 14336;
        Assert.Equal(32 * (linears + 32L * 4096 * 128 * 2) + 4096L * 32000, p.Totals.Macs);
        Assert.Equal(LlmProfiler.Decode(LlmConfigLoader.BuiltIn("mistral-7b"), default, 1, 8192).Profile.Totals.Macs, p.Totals.Macs);
        Assert.Equal("[1,8,8192,128]", Shape(p, "present.0.key"));
    }

    [Fact]
    public void Cli_analyze_of_the_export_gives_llm_decode_and_prefill_flops()
    {
        var model = Path.Combine(_dir, "tiny.onnx");
        var config = Path.Combine(_dir, "config.json");
        OnnxWriter.Write(ModelZoo.Build("zoo:llama-tiny-decoder", withWeights: true), model);
        File.WriteAllText(config, DecoderBuilder.TinyLlamaJson);
        // --prompt 127 --generate 2: prefill of 127 tokens, then one decode step attending to 128 keys
        var l = CliRunner.Run("llm", config, "--hw", "h100-sxm", "--prompt", "127", "--generate", "2", "--format", "json");
        Assert.True(l.ExitCode == 0, l.Err);
        using var ld = JsonDocument.Parse(l.Out);
        var llm = ld.RootElement.GetProperty("llm");
        Assert.Equal(128, llm.GetProperty("decode").GetProperty("attended_keys").GetInt64());
        long decode = llm.GetProperty("decode").GetProperty("flops").GetInt64();
        long prefill = llm.GetProperty("prefill").GetProperty("flops").GetInt64();
        Assert.Equal(decode + 4 * 688 * SiluExtraPerElement + 128 + 1, AnalyzeFlops(model, "sequence_length=1,past_sequence_length=127,total_sequence_length=128"));
        Assert.Equal(prefill + 2 * 126 * HeadMacs + 4 * 127 * 688 * SiluExtraPerElement + 127 + 1,
            AnalyzeFlops(model, "sequence_length=127,past_sequence_length=0,total_sequence_length=127"));
    }

    private static long AnalyzeFlops(string model, string dims)
    {
        var a = CliRunner.Run("analyze", model, "--dim", "batch_size=1," + dims, "--format", "json");
        Assert.True(a.ExitCode == 0, a.Err);
        using var doc = JsonDocument.Parse(a.Out);
        return doc.RootElement.GetProperty("totals").GetProperty("flops").GetInt64();
    }

    [Fact]
    public void Mha_export_needs_as_many_kv_heads_as_query_heads()
    {
        var e = Assert.Throws<ModelMeterException>(() => DecoderBuilder.Build(DecoderBuilder.TinyLlama, new DecoderOptions(DecoderAttention.MultiHead)));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<ModelMeterException>(() => ModelZoo.Build("zoo:decoder:mixtral-8x7b")).Kind);
    }
}

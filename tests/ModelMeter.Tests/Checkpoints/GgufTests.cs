using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ModelMeter.Checkpoints;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Checkpoints;

/// <summary>
/// GGUF files written by the test's own writer (Llama-2-7B's tensors as llama.cpp's Q4_0 stores them: Q4_0 matrices,
/// Q6_K output, F32 norms) read by the library and by the independent npm reader @huggingface/gguf.
/// </summary>
public sealed class GgufTests
{
    private const uint F32 = 0, Q4_0 = 2, Q6_K = 14;

    /// <summary>ggml block sizes from ggml-common.h: Q4_0 18 bytes per 32, Q6_K 210 per 256.</summary>
    private static long Bytes(uint type, long n) => type switch { Q4_0 => n / 32 * 18, Q6_K => n / 256 * 210, _ => n * 4 };

    internal static GgufWriter Llama2Q4_0()
    {
        var a = Families.Llama2_7B;
        long h = a.Hidden, ff = a.Inter, v = a.Vocab;
        var w = new GgufWriter()
            .Str("general.architecture", "llama").Str("general.name", "Llama-2-7B <test>")
            .U32("general.file_type", 2).U32("general.quantization_version", 2)
            .U32("llama.context_length", 4096).U32("llama.embedding_length", 4096).U32("llama.block_count", 32)
            .U32("llama.feed_forward_length", 11008).U32("llama.attention.head_count", 32).U32("llama.attention.head_count_kv", 32)
            .U32("llama.rope.dimension_count", 128).F32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Str("tokenizer.ggml.model", "llama").Strings("tokenizer.ggml.tokens", [.. Enumerable.Range(0, 32000).Select(i => $"t{i}")])
            .I32s("tokenizer.ggml.token_type", [.. Enumerable.Repeat(1, 32000)]);
        w.Tensor("token_embd.weight", Q4_0, Bytes(Q4_0, h * v), h, v);
        for (int i = 0; i < a.Layers; i++)
        {
            var p = $"blk.{i}.";
            w.Tensor(p + "attn_norm.weight", F32, Bytes(F32, h), h);
            foreach (var n in new[] { "attn_q", "attn_k", "attn_v", "attn_output" }) w.Tensor(p + n + ".weight", Q4_0, Bytes(Q4_0, h * h), h, h);
            w.Tensor(p + "ffn_norm.weight", F32, Bytes(F32, h), h);
            w.Tensor(p + "ffn_gate.weight", Q4_0, Bytes(Q4_0, h * ff), h, ff);
            w.Tensor(p + "ffn_up.weight", Q4_0, Bytes(Q4_0, h * ff), h, ff);
            w.Tensor(p + "ffn_down.weight", Q4_0, Bytes(Q4_0, h * ff), ff, h);
        }
        w.Tensor("output_norm.weight", F32, Bytes(F32, h), h);
        w.Tensor("output.weight", Q6_K, Bytes(Q6_K, h * v), h, v);
        return w;
    }

    [Fact]
    public void Llama2Q4_0_ExactCountsAndBytes()
    {
        using var dir = new TempDir();
        var path = dir.File("llama-2-7b.Q4_0.gguf");
        Llama2Q4_0().Write(path);
        var g = GgufReader.Read(path);
        Assert.Equal(3u, g.Version);
        Assert.Equal(32 * 9 + 3, g.Tensors.Count);
        Assert.Equal(32000, g.Get("tokenizer.ggml.tokens")!.Count);
        var config = LlmCheckpoint.Resolve(path);
        Assert.Equal("llama", config.ModelType);
        Assert.Equal(6_738_415_616, LlmParamCount.Of(config).Total);
        Assert.Empty(LlmWeightReport.Differences(config));
        // hand count: 6,476,005,376 matrix weights + the embedding at 18/32 bytes, output at 210/256, 65 norms of 4096 floats
        long expected = (6_476_005_376 + 131_072_000) / 32 * 18 + 131_072_000 / 256 * 210 + 65 * 4096 * 4;
        Assert.Equal(expected, config.Weights!.TotalBytes);
        // TheBloke/Llama-2-7B-GGUF lists llama-2-7b.Q4_0.gguf at 3.83 GB (tensors + a ~1 MB header)
        Assert.Equal(3.83, config.Weights.TotalBytes / 1e9, 2);
        // the estimate uses the stored bytes
        Assert.Equal(expected, LlmProfiler.WeightBytesPerChip(config, default));
    }

    [Fact]
    public void IndependentReaderAgrees()
    {
        using var dir = new TempDir();
        var path = dir.File("llama-2-7b.Q4_0.gguf");
        Llama2Q4_0().Write(path);
        var ours = GgufReader.Read(path);
        using var doc = JsonDocument.Parse(Node(path));
        var js = doc.RootElement;
        Assert.Equal(3, js.GetProperty("version").GetInt32());
        Assert.Equal(ours.Metadata.Count, js.GetProperty("kvCount").GetInt32());
        Assert.Equal("llama", js.GetProperty("architecture").GetString());
        Assert.Equal(6_738_415_616, js.GetProperty("parameterCount").GetInt64());
        var theirs = js.GetProperty("tensors").EnumerateArray().ToList();
        Assert.Equal(ours.Tensors.Count, theirs.Count);
        for (int i = 0; i < theirs.Count; i++)
        {
            Assert.Equal(theirs[i].GetProperty("name").GetString(), ours.Tensors[i].Name);
            Assert.Equal(theirs[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), ours.Tensors[i].Shape);
            Assert.Equal(theirs[i].GetProperty("dtype").GetInt32(), (int)Enum.Parse<GgmlType>(ours.Tensors[i].DType));
            Assert.Equal(theirs[i].GetProperty("offset").GetInt64(), ours.Tensors[i].Offset - ours.DataOffset);
        }
    }

    /// <summary>Runs js/check-gguf.mjs (npm install in js/ first when node_modules is missing: the npm registry only).</summary>
    internal static string Node(string gguf, [CallerFilePath] string here = "")
    {
        var js = Path.Combine(Path.GetDirectoryName(here)!, "js");
        if (!Directory.Exists(Path.Combine(js, "node_modules", "@huggingface", "gguf")))
            Run("npm", js, "ci", "--no-audit", "--no-fund");
        return Run("node", js, "check-gguf.mjs", gguf);
    }

    private static string Run(string exe, string cwd, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{exe} {string.Join(' ', args)}: {err.Result}");
        return output;
    }

    [Theory] // bits per weight from the ggml block structs (ggml-common.h)
    [InlineData(GgmlType.Q4_0, 4.5)]
    [InlineData(GgmlType.Q8_0, 8.5)]
    [InlineData(GgmlType.Q4_K, 4.5)]
    [InlineData(GgmlType.Q5_K, 5.5)]
    [InlineData(GgmlType.Q6_K, 6.5625)]
    [InlineData(GgmlType.Q2_K, 2.625)]
    [InlineData(GgmlType.Q3_K, 3.4375)]
    [InlineData(GgmlType.IQ4_XS, 4.25)]
    [InlineData(GgmlType.IQ2_XXS, 2.0625)]
    [InlineData(GgmlType.IQ1_S, 1.5625)]
    [InlineData(GgmlType.MXFP4, 4.25)]
    public void BlockLayoutBits(GgmlType type, double bits) => Assert.Equal(bits, GgmlTypes.BitsPerWeight(type));

    [Theory] // TheBloke/Llama-2-7B-GGUF, "Provided files": file sizes in GB of llama-2-7b.<type>.gguf
    [InlineData("q4_0", 3.83)]
    [InlineData("q4_k_m", 4.08)]
    [InlineData("q5_k_m", 4.78)]
    [InlineData("q6_k", 5.53)]
    [InlineData("q8_0", 7.16)]
    public void LlamaCppPlanMatchesPublishedFileSizes(string type, double gb)
    {
        var plan = LlamaCppQuant.Plan(LlmConfigLoader.BuiltIn("llama-2-7b"), type);
        Assert.Equal(gb, plan.TotalBytes / 1e9, 2);
        Assert.Equal(6_738_415_616, plan.TotalParams);
    }

    [Fact]
    public void QuantOptionUsesTrueBits()
    {
        Assert.Equal(4.5, LlmQuant.Parse("q4_0").WeightBits);
        Assert.Equal(8.5, LlmQuant.Parse("q8_0").WeightBits);
        var (config, q, _) = LlmWeightReport.Apply(LlmConfigLoader.BuiltIn("llama-2-7b"), LlmQuant.Parse("q4_k_m"), quantGiven: true);
        Assert.InRange(q.WeightBits, 4.8, 4.9); // Q4_K with half the attn_v / ffn_down at Q6_K
        Assert.Equal(config.Weights!.TotalBytes, LlmProfiler.WeightBytesPerChip(config, new LlmOptions(q)));
    }
}

using System.Text.Json;
using ModelMeter.Hardware;
using ModelMeter.Llm;
using ModelMeter.Roofline;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Review of <c>modelmeter llm</c> from a user's side (issue 6): sweeps and the bugs it found.</summary>
public class LlmReviewTests
{
    private static readonly string[] s_chips = ["t4", "l4", "a100-80g-sxm", "h100-sxm", "mi300x", "jetson-orin-nano-8g", "xeon-8480"];
    private static readonly (string Quant, string Kv)[] s_quants = [("w16a16", "fp16"), ("w8a8", "int8"), ("w4a16", "fp8"), ("fp8", "fp8")];

    public static TheoryData<string> BuiltIns()
    {
        var d = new TheoryData<string>();
        foreach (var n in LlmConfigLoader.BuiltInNames) d.Add(n);
        return d;
    }

    /// <summary>Every built-in on several chips, quantisations and TP degrees: the JSON contract holds and no number is NaN, infinite or negative.</summary>
    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Json_contract_and_sane_numbers_over_chips_quants_and_tp(string model)
    {
        var config = LlmConfigLoader.BuiltIn(model);
        int i = 0;
        foreach (var chip in s_chips)
            foreach (var tp in new[] { 1, 2, 8 })
            {
                var (q, kv) = s_quants[i++ % s_quants.Length];
                var args = new List<string> { "llm", model, "--hw", chip, "--batch", "1,8,64", "--prompt", "512", "--generate", "128", "--tp", $"{tp}", "--quant", q, "--kv-dtype", kv, "--format", "json" };
                if (i % 2 == 0) args.Add("--flash");
                var r = CliRunner.Run([.. args]);
                var what = string.Join(' ', args);
                if (config.Heads % tp != 0 || (tp > 1 && chip is "jetson-orin-nano-8g" or "xeon-8480"))
                {
                    Assert.True(r.ExitCode == 2, $"{what}: expected a usage error, got {r.ExitCode}");
                    continue;
                }
                Assert.True(r.ExitCode == 0, $"{what}: {r.Err}");
                using var doc = JsonDocument.Parse(r.Out);
                CheckNumbers(doc.RootElement, what);
                var llm = doc.RootElement.GetProperty("llm");
                foreach (var key in new[] { "prefill", "decode", "kv_cache_bytes", "ttft_s", "tpot_s", "tokens_per_s" })
                    Assert.True(llm.TryGetProperty(key, out _), $"{what}: llm.{key} missing");
                Assert.Equal(6, doc.RootElement.GetProperty("estimates").GetArrayLength());
                var batches = llm.GetProperty("batches").EnumerateArray().ToList();
                Assert.Single(batches.Select(b => b.GetProperty("max_batch").GetInt32()).Distinct());
                foreach (var b in batches)
                {
                    int batch = b.GetProperty("batch").GetInt32();
                    double tpot = b.GetProperty("tpot_s").GetDouble(), ttft = b.GetProperty("ttft_s").GetDouble();
                    Assert.True(tpot > 0 && ttft > 0, what);
                    Assert.Equal(batch / tpot, b.GetProperty("tokens_per_s").GetDouble(), 1e-9 * batch / tpot);
                    var util = b.GetProperty("memory_bandwidth_utilisation").GetDouble();
                    Assert.True(util is > 0 and <= 1, $"{what}: bandwidth utilisation {util:R} at batch {batch}");
                    Assert.Equal(batch <= b.GetProperty("max_batch").GetInt32(), b.GetProperty("fits_in_memory").GetBoolean());
                    foreach (var stage in new[] { "prefill", "decode" })
                        Assert.Contains(b.GetProperty(stage).GetProperty("bound").GetString(), new[] { "compute", "memory" });
                }
            }
    }

    private static void CheckNumbers(JsonElement e, string what)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) CheckNumbers(p.Value, what); break;
            case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) CheckNumbers(x, what); break;
            case JsonValueKind.Number: Assert.True(e.GetDouble() >= 0, $"{what}: negative number {e}"); break;
            case JsonValueKind.String:
                Assert.False(e.GetString() is "NaN" or "Infinity" or "-Infinity", $"{what}: {e}");
                break;
        }
    }

    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("md")]
    [InlineData("html")]
    public void Every_format_renders_without_nan_or_infinity(string format)
    {
        foreach (var (model, hw, tp) in new[] { ("mixtral-8x7b", "h100-sxm", "8"), ("gemma-2-9b", "l4", "2"), ("deepseek-v2-lite", "t4", "1") })
        {
            var r = CliRunner.Run("llm", model, "--hw", hw, "--tp", tp, "--batch", "1,8,64", "--prompt", "1", "--generate", "1", "--format", format);
            Assert.True(r.ExitCode == 0, r.Err);
            // the HTML report's own script uses JavaScript's Infinity; look at the content only
            var text = System.Text.RegularExpressions.Regex.Replace(r.Out, @"<script[\s\S]*?</script>", "");
            foreach (var bad in new[] { "NaN", "Infinity", "∞" })
                Assert.DoesNotContain(bad, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Bug: decode bytes / (Σ max(flop time, memory time) × bandwidth) came out as 1.0000000000000053 when every row is memory-bound.</summary>
    [Fact]
    public void Bandwidth_utilisation_never_exceeds_one()
    {
        var est = HardwareCatalog.Default.Get("t4").EstimateLlm(LlmConfigLoader.BuiltIn("llama-2-7b"), default, new LlmWorkload(1024, 256, [1, 8, 64]));
        Assert.All(est.Batches, b => Assert.InRange(b.MemoryBandwidthUtilisation, 0.9, 1.0));
    }

    /// <summary>Bug: the fp16 fallback of fp8 on a chip without fp8 (T4: 65 TFLOPS fp16, 130 TOPS int8, no fp8) was only in the JSON notes.</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("md")]
    [InlineData("html")]
    public void Fp8_on_a_chip_without_fp8_says_so_in_every_human_format(string format)
    {
        var r = CliRunner.Run("llm", "llama-2-7b", "--hw", "t4", "--quant", "fp8", "--format", format);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("fp8 has no tensor peak on t4; used fp16", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void W8a8_on_t4_uses_its_int8_peak_without_a_fallback_note()
    {
        var r = CliRunner.Run("llm", "llama-2-7b", "--hw", "t4", "--quant", "w8a8", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var prefill = doc.RootElement.GetProperty("estimates")[0];
        Assert.DoesNotContain(prefill.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("no tensor peak", StringComparison.Ordinal));
        // T4 datasheet: 130 INT8 TOPS (twice the fp16 65 TFLOPS); the 4096×4096 projections of a 1024-token prefill are compute-bound
        var q = prefill.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("name").GetString() == "layers.0.attn.q_proj");
        Assert.Equal(130e12, q.GetProperty("attainable_flops_per_s").GetDouble(), 1e9);
    }

    /// <summary>Bug: MI300X's all-reduces went over PCIe (128 GB/s) although the catalog lists 896 GB/s of Infinity Fabric.</summary>
    [Fact]
    public void Mi300x_all_reduces_use_infinity_fabric_not_pcie()
    {
        var chip = HardwareCatalog.Default.Get("mi300x").ToLlmChip();
        Assert.Equal(896e9 / 2, chip.LinkBandwidth, 1); // AMD MI300X datasheet: 7 × 128 GB/s Infinity Fabric links (bidirectional)
        Assert.True(chip.NvLink);
        var l4 = HardwareCatalog.Default.Get("l4").ToLlmChip();
        Assert.Equal(64e9 / 2, l4.LinkBandwidth, 1); // L4: PCIe 4.0 x16, 64 GB/s bidirectional
        Assert.False(l4.NvLink);
    }

    [Fact]
    public void Tp_over_pcie_or_nvlink_is_named_in_the_notes()
    {
        var r = CliRunner.Run("llm", "llama-3-8b", "--hw", "l4", "--tp", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("over PCIe", r.Out, StringComparison.Ordinal);
        r = CliRunner.Run("llm", "llama-3-8b", "--hw", "h100-sxm", "--tp", "2");
        Assert.Contains("over NVLink", r.Out, StringComparison.Ordinal);
    }

    /// <summary>Bug: 2·10⁹-token prompts or batches crashed with an unhandled OverflowException.</summary>
    [Theory]
    [InlineData("--batch", "2000000000")]
    [InlineData("--prompt", "2000000000")]
    public void Absurd_sizes_are_a_usage_error_not_a_crash(string option, string value)
    {
        var r = CliRunner.Run("llm", "mistral-7b", "--hw", "h100-sxm", option, value, "--format", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("too large", r.Err, StringComparison.Ordinal);
    }

    /// <summary>GPT-2 has a learned position table of n_positions = 1024 rows: a longer sequence cannot be encoded.</summary>
    [Fact]
    public void Learned_positions_refuse_a_context_beyond_the_table()
    {
        var r = CliRunner.Run("llm", "gpt2", "--hw", "h100-sxm", "--prompt", "1000", "--generate", "100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("1024", r.Err, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("llm", "gpt2", "--hw", "h100-sxm", "--prompt", "1000", "--generate", "24").ExitCode);
    }

    /// <summary>The default workload (1024 + 256 tokens) shrinks to fit GPT-2's 1024 positions, and says so.</summary>
    [Fact]
    public void Defaults_fit_a_short_learned_position_table()
    {
        var r = CliRunner.Run("llm", "gpt2", "--hw", "t4", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("--prompt 768 --generate 256", r.Err, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        Assert.Equal(768, doc.RootElement.GetProperty("llm").GetProperty("prompt").GetInt32());
    }

    /// <summary>Rotary models extrapolate (RoPE scaling exists), so a context beyond max_position_embeddings (Llama-2: 4096) is a visible warning.</summary>
    [Fact]
    public void Rotary_models_warn_beyond_max_position_embeddings()
    {
        var r = CliRunner.Run("llm", "llama-2-7b", "--hw", "h100-sxm", "--prompt", "32768", "--generate", "1", "--flash", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("exceeds max_position_embeddings 4096", r.Out, StringComparison.Ordinal);
        var t = CliRunner.Run("llm", "llama-2-7b", "--hw", "h100-sxm", "--prompt", "32768", "--generate", "1", "--flash");
        Assert.Contains("exceeds max_position_embeddings 4096", t.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("max_position_embeddings", CliRunner.Run("llm", "llama-2-7b", "--hw", "h100-sxm", "--prompt", "4000", "--generate", "96").Out, StringComparison.Ordinal);
    }

    /// <summary>TP beyond the KV heads replicates one KV head per chip: qwen2.5-7b (28 heads, 4 KV heads, head dim 128, 28 layers) at TP 4 vs TP 2.</summary>
    [Fact]
    public void Kv_cache_per_chip_stops_shrinking_once_tp_reaches_the_kv_heads()
    {
        var c = LlmConfigLoader.BuiltIn("qwen2.5-7b");
        long Kv(int tp) => LlmProfiler.KvBytesPerToken(c, new LlmOptions(TensorParallel: tp));
        Assert.Equal(2L * 28 * 4 * 128 * 2, Kv(1));
        Assert.Equal(2L * 28 * 1 * 128 * 2, Kv(4));
        var big = c with { Heads = 32, KvHeads = 2 };
        Assert.Equal(Kv(4), LlmProfiler.KvBytesPerToken(big, new LlmOptions(TensorParallel: 8)));
    }
}

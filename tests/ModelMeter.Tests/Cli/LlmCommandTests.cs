using System.Text.Json;
using Xunit;

namespace ModelMeter.Tests.Cli;

public class LlmCommandTests
{
    [Fact]
    public void Llama2_7b_on_h100_json_has_ttft_tpot_and_estimates()
    {
        var r = CliRunner.Run("llm", "llama-2-7b", "--hw", "h100-sxm", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var llm = doc.RootElement.GetProperty("llm");
        var ttft = llm.GetProperty("ttft_s").GetDouble();
        var tpot = llm.GetProperty("tpot_s").GetDouble();
        Assert.True(ttft > tpot && tpot > 0);
        // Meta's model card: 6.74 B parameters; fp16 weights ≈ 13.5 GB; H100 SXM 3.35 TB/s → decode ≈ 13.5e9 / 3.35e12 ≈ 4.0 ms.
        Assert.Equal(6.74e9, llm.GetProperty("params_total").GetInt64(), 0.005 * 6.74e9);
        Assert.Equal(2 * 6.74e9 / 3.35e12, tpot, 0.06 * tpot);
        Assert.Equal("memory", llm.GetProperty("decode").GetProperty("bound").GetString());
        Assert.Equal("compute", llm.GetProperty("prefill").GetProperty("bound").GetString());
        Assert.Equal(1 / tpot, llm.GetProperty("tokens_per_s").GetDouble(), 1e-6);
        Assert.True(llm.GetProperty("kv_cache_bytes").GetInt64() > 0);
        var est = doc.RootElement.GetProperty("estimates");
        Assert.Equal(2, est.GetArrayLength());
        Assert.Equal("prefill", est[0].GetProperty("stage").GetString());
        Assert.Equal(ttft, est[0].GetProperty("latency_s").GetDouble(), 1e-12);
        Assert.Equal("h100-sxm", est[1].GetProperty("hardware").GetString());
        Assert.True(est[1].GetProperty("nodes").GetArrayLength() > 32);
    }

    [Fact]
    public void Several_batches_each_get_an_entry_and_tokens_per_s_grows()
    {
        var r = CliRunner.Run("llm", "llama-3-8b", "--hw", "a100-80g-sxm", "--batch", "1,8,32", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var batches = doc.RootElement.GetProperty("llm").GetProperty("batches");
        Assert.Equal(3, batches.GetArrayLength());
        Assert.Equal(6, doc.RootElement.GetProperty("estimates").GetArrayLength());
        Assert.True(batches[2].GetProperty("tokens_per_s").GetDouble() > batches[0].GetProperty("tokens_per_s").GetDouble());
    }

    [Fact]
    public void Table_shows_summary_and_layer_0()
    {
        var r = CliRunner.Run("llm", "qwen2.5-7b", "--hw", "t4", "--quant", "w4a16", "--kv-dtype", "fp8", "--prompt", "512", "--generate", "64");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("TTFT (", r.Out, StringComparison.Ordinal);
        Assert.Contains("TPOT (", r.Out, StringComparison.Ordinal);
        Assert.Contains("layers.0.attn.q_proj", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("layers.1.", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void List_has_the_built_in_configs()
    {
        var r = CliRunner.Run("llm", "list");
        Assert.Equal(0, r.ExitCode);
        foreach (var n in new[] { "gpt2", "llama-2-7b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "mistral-7b", "mixtral-8x7b", "qwen2.5-7b", "phi-3-mini" })
            Assert.Contains(r.Out.Split('\n'), l => l.StartsWith(n + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("llm", "llama-2-7b")]
    [InlineData("llm", "llama-2-7b", "--hw", "t44")]
    [InlineData("llm", "llama-2-7b", "--hw", "t4", "--quant", "w3a9")]
    [InlineData("llm", "llama-2-7b", "--hw", "t4", "--kv-dtype", "fp4")]
    [InlineData("llm", "llama-2-7b", "--hw", "t4", "--tp", "0")]
    [InlineData("llm", "no-such-model", "--hw", "t4")]
    public void Bad_arguments_exit_2_with_one_line(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelmeter: ", lines[0], StringComparison.Ordinal);
    }
}

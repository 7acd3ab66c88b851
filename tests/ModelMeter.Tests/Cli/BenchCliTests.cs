using System.Text.Json;
using Xunit;

namespace ModelMeter.Tests.Cli;

public class BenchCliTests
{
    [CorpusFact]
    public void Bench_json_has_the_measurement_contract()
    {
        var r = CliRunner.Run("bench", Corpus.Path("models", "squeezenet1_1.fused.onnx"), "--runs", "2", "--warmup", "1", "--threads", "1", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var m = doc.RootElement.GetProperty("measurement");
        Assert.StartsWith("onnxruntime ", m.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.Equal("CPUExecutionProvider", m.GetProperty("provider").GetString());
        Assert.Equal(2, m.GetProperty("runs").GetInt32());
        var lat = m.GetProperty("latency_s");
        foreach (var k in new[] { "mean", "p50", "p90", "p99", "min", "max" }) Assert.True(lat.GetProperty(k).GetDouble() > 0, k);
        var nodes = m.GetProperty("nodes");
        Assert.True(nodes.GetArrayLength() > 10);
        var first = nodes[0];
        foreach (var k in new[] { "name", "op_type", "time_s", "achieved_flops_per_s", "achieved_bytes_per_s", "predicted_time_s" }) Assert.True(first.TryGetProperty(k, out _), k);
        Assert.InRange(m.GetProperty("unattributed_fraction").GetDouble(), 0, 0.05);
    }

    [Fact]
    public void Zoo_model_exported_by_the_tool_runs_with_its_deterministic_weights()
    {
        var r = CliRunner.Run("bench", "zoo:mobilenet_v2", "--runs", "1", "--warmup", "0", "--threads", "1", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var m = doc.RootElement.GetProperty("measurement");
        Assert.False(m.GetProperty("random_weights").GetBoolean()); // the zoo writes its own seeded weights
        Assert.DoesNotContain("random weights", r.Err, StringComparison.Ordinal);
        Assert.InRange(m.GetProperty("unattributed_fraction").GetDouble(), 0, 0.05);
    }

    [Fact]
    public void Bench_errors_map_to_exit_codes()
    {
        Assert.Equal(3, CliRunner.Run("bench", "/nonexistent/model.onnx").ExitCode);
        Assert.Equal(2, CliRunner.Run("bench", "zoo:resnet18", "--vs-estimate").ExitCode);
        Assert.Equal(2, CliRunner.Run("bench", "zoo:resnet18", "--runs", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("calibrate", "zoo:resnet18").ExitCode);
    }
}

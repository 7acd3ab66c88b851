using System.Text.Json;
using ModelMeter.Cli;
using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests.Cli;

public class AnalyzeEstimateTests
{
    private const double T4Bandwidth = 320e9, T4Fp16 = 65e12; // seed chapter

    [Fact]
    public void Resnet50_on_t4_fp16_three_batches()
    {
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4", "--precision", "fp16", "--batch", "1,8,64", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(25_557_032, root.GetProperty("totals").GetProperty("params").GetInt64()); // the analysis contract is still there
        var est = root.GetProperty("estimates");
        Assert.Equal(3, est.GetArrayLength());
        double previous = 0;
        int[] batches = [1, 8, 64];
        for (int i = 0; i < 3; i++)
        {
            var e = est[i];
            Assert.Equal("t4", e.GetProperty("hardware").GetString());
            Assert.Equal("fp16", e.GetProperty("precision").GetString());
            Assert.Equal(batches[i], e.GetProperty("batch").GetInt32());
            var latency = e.GetProperty("latency_s").GetDouble();
            Assert.True(latency > 0);
            var throughput = e.GetProperty("throughput_per_s").GetDouble();
            Assert.Equal(batches[i] / latency, throughput, 1e-6 * throughput);
            Assert.True(throughput > previous, $"throughput at batch {batches[i]} ({throughput}) must exceed {previous}");
            previous = throughput;
            // The roofline sum can beat neither the whole model's FLOPs at peak nor its bytes at full bandwidth.
            Assert.True(latency >= e.GetProperty("total_flops").GetDouble() / T4Fp16 * (1 - 1e-9));
            Assert.True(latency >= e.GetProperty("total_bytes").GetDouble() / T4Bandwidth * (1 - 1e-9));
            Assert.True(e.GetProperty("fits_in_memory").GetBoolean()); // ~50 MB of fp16 weights in 16 GB
            var node = e.GetProperty("nodes")[0];
            foreach (var key in new[] { "name", "precision", "flops", "bytes", "intensity", "attainable_flops_per_s", "time_s", "bound" })
                Assert.True(node.TryGetProperty(key, out _), key);
            Assert.Equal("fp16", node.GetProperty("precision").GetString());
        }
        // ResNet-50 is ~4.1 GMACs = ~8.2 GFLOPs per image (torchvision): batch 8 counts 8× that.
        Assert.InRange(est[1].GetProperty("total_flops").GetDouble() / 8, 8.0e9, 8.4e9);
    }

    private static CliRunner.Result Run(Model model, params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = Program.Run(args, new CliContext { Out = o, Error = e, Loader = _ => model });
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    private static Model Relu(Dim batch) => CliRunner.Tiny() is var t ? new Model
    {
        Path = "mem:relu", IrVersion = 8, Opsets = t.Opsets,
        Graph = new Graph
        {
            Name = "relu",
            Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([batch, 3, 8, 8])))],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
            Nodes = [new Node { Name = "relu", OpType = "Relu", Inputs = ["x"], Outputs = ["y"] }],
        },
    } : throw new InvalidOperationException();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relu_time_is_bytes_over_bandwidth_whether_the_batch_is_symbolic_or_fixed(bool fixedBatch)
    {
        // Relu over 8×3×8×8 fp32: reads and writes 1536 elements × 4 B each = 12,288 B; 12,288 / 320e9 s on the T4.
        var r = Run(Relu(fixedBatch ? Dim.Of(2) : Dim.Symbol("n")), "analyze", "mem:relu", "--hw", "t4", "--batch", "8", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var e = doc.RootElement.GetProperty("estimates")[0];
        var node = e.GetProperty("nodes")[0];
        Assert.Equal(12_288, node.GetProperty("bytes").GetDouble(), 1e-6);
        Assert.Equal(12_288 / T4Bandwidth, node.GetProperty("time_s").GetDouble(), 1e-15);
        Assert.Equal("memory", node.GetProperty("bound").GetString());
        var note = e.GetProperty("notes")[0].GetString()!;
        Assert.Contains(fixedBatch ? "scaled linearly" : "re-analysed", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_shows_nodes_summary_and_curve_with_units()
    {
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4,a100-80g-sxm", "--precision", "int8", "--batch", "1,8");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Roofline per node: t4, precision int8, batch 1", r.Out, StringComparison.Ordinal);
        Assert.Contains("Latency (", r.Out, StringComparison.Ordinal);
        Assert.Contains("Throughput against batch size", r.Out, StringComparison.Ordinal);
        Assert.Contains("a100-80g-sxm (inf/s)", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_one_summary_row_per_chip_and_batch()
    {
        var r = CliRunner.Run("analyze", "zoo:resnet50", "--hw", "t4,l4", "--batch", "1,4", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("hardware,precision,Batch,latency_s [s],throughput_per_s", lines[0], StringComparison.Ordinal);
        Assert.Equal(["t4,model,1", "t4,model,4", "l4,model,1", "l4,model,4"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))));
    }

    [Theory]
    [InlineData("--hw", "t44")]
    [InlineData("--hw", "t4,nosuch")]
    [InlineData("--hw", "t4", "--precision", "fp17")]
    [InlineData("--hw", "t4", "--batch", "0")]
    [InlineData("--hw", "t4", "--batch", "x")]
    [InlineData("--precision", "fp16")]
    [InlineData("--batch", "8")]
    public void Bad_estimate_options_exit_2_with_one_line(params string[] options)
    {
        var r = CliRunner.Run(["analyze", "mem:tiny", .. options]);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelmeter: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }
}

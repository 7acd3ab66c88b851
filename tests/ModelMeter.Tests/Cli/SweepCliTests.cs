using System.Globalization;
using System.Text.Json;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary><c>--sweep NAME=…</c> on <c>analyze</c> and <c>report</c>: one row per value, the latency per chip with <c>--hw</c>, a chart
/// with <c>--plot</c>, the sweep section of the page.</summary>
public class SweepCliTests
{
    /// <summary>BERT-base MACs by hand (Devlin et al.: 12 layers, hidden 768, FFN 3072): per token 12 × (4·768² + 2·768·3072) in the
    /// projections; per layer 2·768·s² in the scores and context products; 768² in the pooler.</summary>
    private static long BertBaseMacs(long s) => 12 * (4 * 768L * 768 + 2 * 768L * 3072) * s + 12 * 2 * 768L * s * s + 768L * 768;

    [Fact]
    public void Csv_has_one_row_per_value_with_the_hand_computed_macs()
    {
        var r = CliRunner.Run("analyze", "zoo:bert-base", "--sweep", "sequence=128:384:128", "--format", "csv");
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.ReplaceLineEndings("\n").Trim().Split('\n'); // RFC 4180 rows end in CRLF
        Assert.Equal("sequence,Params,MACs,FLOPs,memory_access_bytes [B],weight_bytes [B],peak_activation_bytes [B],error", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        foreach (var (line, s) in lines.Skip(1).Zip(new long[] { 128, 256, 384 }))
        {
            var cells = line.Split(',');
            Assert.Equal(s.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(109_482_240, long.Parse(cells[1], CultureInfo.InvariantCulture)); // bert-base-uncased without the MLM head
            Assert.Equal(BertBaseMacs(s), long.Parse(cells[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Json_rows_carry_the_value_and_equal_analyze_with_that_dim_on_each_chip()
    {
        var r = CliRunner.Run("analyze", "zoo:bert-base", "--sweep", "sequence=64,256", "--hw", "t4,a100-40g-sxm", "--engine", "tensorrt",
            "--precision", "fp16", "--batch", "4", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(2, models.Count);
        foreach (var (m, s) in models.Zip(new long[] { 64, 256 }))
        {
            Assert.Equal("sequence", m.GetProperty("sweep").GetProperty("dim").GetString());
            Assert.Equal(s, m.GetProperty("sweep").GetProperty("value").GetInt64());
            Assert.Equal(4 * BertBaseMacs(s), m.GetProperty("totals").GetProperty("macs").GetInt64()); // every term, pooler included, runs per sample
            var one = CliRunner.Run("analyze", "zoo:bert-base", "--dim", $"sequence={s}", "--hw", "t4,a100-40g-sxm", "--engine", "tensorrt",
                "--precision", "fp16", "--batch", "4", "--format", "json");
            Assert.True(one.ExitCode == 0, one.Err);
            using var single = JsonDocument.Parse(one.Out);
            var expected = single.RootElement.GetProperty("estimates").EnumerateArray().Select(e => e.GetProperty("predicted_latency_s").GetDouble()).ToList();
            var actual = m.GetProperty("estimates").EnumerateArray().Select(e => e.GetProperty("latency_s").GetDouble()).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Table_names_what_the_latency_columns_are()
    {
        var r = CliRunner.Run("analyze", "zoo:resnet18", "--sweep", "batch=1,8", "--hw", "t4", "--format", "md");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("| batch | Params (M) |", r.Out, StringComparison.Ordinal);
        Assert.Contains("Latency on t4 (ms): node-by-node roofline latency at batch = batch, the model's own precision", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has no symbolic dim or trip count named 'width'", "analyze", "zoo:bert-base", "--sweep", "width=1,2")]
    [InlineData("one --batch value", "analyze", "zoo:bert-base", "--sweep", "sequence=8,16", "--hw", "t4", "--batch", "1,8")]
    [InlineData("sweeps the batch dim: drop --batch", "analyze", "zoo:bert-base", "--sweep", "batch=1,2", "--hw", "t4", "--batch", "8")]
    [InlineData("report MODEL --sweep", "analyze", "zoo:bert-base", "--sweep", "sequence=8,16", "--format", "html")]
    [InlineData("--sweep reports one model without --bench", "report", "zoo:bert-base", "zoo:resnet18", "--sweep", "sequence=8")]
    [InlineData("is not a non-negative integer", "analyze", "zoo:bert-base", "--sweep", "sequence=8,x")]
    public void Bad_sweeps_are_one_line_usage_errors(string message, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Plot_draws_cost_and_latency_against_the_dim()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"mm-sweep-{Guid.NewGuid():N}.svg");
        var png = Path.ChangeExtension(svg, ".png");
        try
        {
            var r = CliRunner.Run("analyze", "zoo:bert-base", "--sweep", "sequence=32,64,128", "--hw", "l4", "--plot", svg);
            Assert.True(r.ExitCode == 0, r.Err);
            var text = File.ReadAllText(svg);
            Assert.Contains("latency on l4", text, StringComparison.Ordinal);
            Assert.Contains("sequence", text, StringComparison.Ordinal);
            r = CliRunner.Run("analyze", "zoo:bert-base", "--sweep", "sequence=32,64", "--plot", png); // no --hw: cost only
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4).ToArray());
        }
        finally
        {
            File.Delete(svg);
            File.Delete(png);
        }
    }

    [Fact]
    public void Report_page_holds_the_sweep_and_opens_on_the_first_value()
    {
        var path = HtmlOutput.TempPath("sweep.html");
        var r = CliRunner.Run("report", "zoo:bert-base", "--sweep", "sequence=32,96", "--hw", "t4", "--engine", "tensorrt", "-o", path);
        Assert.True(r.ExitCode == 0, r.Err);
        using var data = HtmlOutput.Data(File.ReadAllText(path));
        var sweep = data.RootElement.GetProperty("sweep");
        Assert.Equal("sequence", sweep.GetProperty("dim").GetString());
        Assert.Equal([32L, 96L], sweep.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        Assert.Equal([BertBaseMacs(32), BertBaseMacs(96)], sweep.GetProperty("macs").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        var t4 = sweep.GetProperty("chips")[0];
        Assert.Equal("t4", t4.GetProperty("id").GetString());
        Assert.Contains("predicted latency under tensorrt", t4.GetProperty("meaning").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, data.RootElement.GetProperty("dims").GetProperty("sequence").GetInt64());
        Assert.Equal(BertBaseMacs(32), data.RootElement.GetProperty("totals").GetProperty("macs").GetInt64());
    }
}

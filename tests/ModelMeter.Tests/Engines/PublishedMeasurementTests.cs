using System.Text.Json;
using ModelMeter.Tests.Cli;
using Xunit;

namespace ModelMeter.Tests.Engines;

/// <summary>
/// Every published measurement in <c>bench/validation/published.jsonl</c> (MLPerf Inference results, NVIDIA's TensorRT and
/// DeepLearningExamples tables, TensorRT-LLM's performance tables, llama.cpp benchmark threads; each row names its source and
/// quotes it) is run through the CLI command it records: the fused bound must never be above what was measured, and the
/// prediction must land within ±20% on at least the share docs/validation.md reports.
/// </summary>
public sealed class PublishedMeasurementTests
{
    /// <summary>The share of rows within ±20% that docs/validation.md reports (a floor: a change that loses accuracy fails).</summary>
    const double ReportedShareWithin20Pct = 0.6;

    sealed record Row(string Id, string Command, double Seconds, string Meaning);

    static IReadOnlyList<Row> Rows()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModelMeter.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "bench", "validation", "published.jsonl");
        return [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var d = JsonDocument.Parse(l);
            var r = d.RootElement;
            return new Row(r.GetProperty("id").GetString()!, r.GetProperty("command").GetString()!, r.GetProperty("seconds").GetDouble(),
                r.GetProperty("seconds_meaning").GetString()!);
        })];
    }

    static (double Bound, double Predicted) Forecast(Row row)
    {
        var args = row.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var r = CliRunner.Run([.. args, "--format", "json"]);
        Assert.True(r.ExitCode == 0, $"{row.Id}: {r.Err}");
        using var d = JsonDocument.Parse(r.Out);
        if (args[0] == "llm")
        {
            var b = d.RootElement.GetProperty("llm").GetProperty("batches")[0];
            int steps = d.RootElement.GetProperty("llm").GetProperty("generate").GetInt32() - 1;
            return row.Meaning switch
            {
                // a whole static batch: prefill, then the decode steps at the mean context
                "end_to_end_request" => (b.GetProperty("bound_ttft_s").GetDouble() + steps * b.GetProperty("bound_tpot_s").GetDouble(),
                    b.GetProperty("predicted_ttft_s").GetDouble() + steps * b.GetProperty("predicted_tpot_s").GetDouble()),
                "decode_step" => (b.GetProperty("bound_tpot_s").GetDouble(), b.GetProperty("predicted_tpot_s").GetDouble()),
                "prefill" => (b.GetProperty("bound_ttft_s").GetDouble(), b.GetProperty("predicted_ttft_s").GetDouble()),
                _ => throw new InvalidOperationException($"{row.Id}: unknown meaning {row.Meaning}"),
            };
        }
        var e = d.RootElement.GetProperty("estimates")[0];
        return (e.GetProperty("bound_latency_s").GetDouble(), e.GetProperty("predicted_latency_s").GetDouble());
    }

    [Fact]
    public void BoundNeverAboveMeasuredAndPredictionsAsReported()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 25, $"only {rows.Count} published rows");
        int within = 0;
        var above = new List<string>();
        foreach (var row in rows)
        {
            var (bound, predicted) = Forecast(row);
            Assert.True(bound <= predicted, $"{row.Id}: bound {bound} > predicted {predicted}");
            if (bound > row.Seconds) above.Add($"{row.Id}: bound {bound * 1e3:0.###} ms > measured {row.Seconds * 1e3:0.###} ms");
            if (Math.Abs(predicted / row.Seconds - 1) <= 0.2) within++;
        }
        Assert.True(above.Count == 0, string.Join("\n", above));
        Assert.True(within >= ReportedShareWithin20Pct * rows.Count, $"{within} of {rows.Count} within ±20%");
    }
}

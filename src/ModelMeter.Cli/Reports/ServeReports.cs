using System.Globalization;
using System.Net;
using System.Text;
using ModelMeter.Llm;
using ModelMeter.Reports;
using ScottPlot;

namespace ModelMeter.Cli.Reports;

/// <summary>The serving curve (<c>llm --serve</c>): one row per arrival rate as a table, an HTML page and a static plot.</summary>
internal static class ServeReports
{
    /// <summary>Throughput, TTFT and TPOT percentiles and concurrency per rate.</summary>
    public static ReportTable Table(string title, IReadOnlyList<LlmServeResult> results)
    {
        var columns = new ReportColumn[]
        {
            new("rate", "Rate (req/s)", UnitKind.Ratio, "arrival rate of the Poisson request stream"),
            new("output_tokens_per_s", "Tok/s", UnitKind.Ratio, "generated tokens / (first arrival → last completion)"),
            new("requests_per_s", "Req/s done", UnitKind.Ratio, "completed requests / duration"),
            new("ttft_p50_s", "TTFT p50", UnitKind.Seconds, "time to first token, median"),
            new("ttft_p90_s", "TTFT p90", UnitKind.Seconds, "time to first token, 90th percentile"),
            new("ttft_p99_s", "TTFT p99", UnitKind.Seconds, "time to first token, 99th percentile"),
            new("tpot_p50_s", "TPOT p50", UnitKind.Seconds, "time per output token after the first, median over requests"),
            new("tpot_p90_s", "TPOT p90", UnitKind.Seconds, "time per output token, 90th percentile"),
            new("tpot_p99_s", "TPOT p99", UnitKind.Seconds, "time per output token, 99th percentile"),
            new("max_concurrency", "Max conc.", UnitKind.Count, "most requests holding KV cache at once") { FixedUnit = true },
            new("kv_bound_concurrency", "KV-bound conc.", UnitKind.Count, "requests of the mean length whose KV cache fits") { FixedUnit = true },
        };
        var rows = results.Select(r => new ReportRow(
        [
            ReportValue.Of((double?)r.Rate), ReportValue.Of((double?)Math.Round(r.OutputTokensPerS, 1)), ReportValue.Of((double?)Math.Round(r.RequestsPerS, 3)),
            ReportValue.Of((double?)r.Ttft.P50), ReportValue.Of((double?)r.Ttft.P90), ReportValue.Of((double?)r.Ttft.P99),
            ReportValue.Of((double?)r.Tpot.P50), ReportValue.Of((double?)r.Tpot.P90), ReportValue.Of((double?)r.Tpot.P99),
            ReportValue.Of((long?)r.MaxConcurrency), ReportValue.Of((long?)r.KvBoundConcurrency),
        ])).ToList();
        return new ReportTable(title, columns, rows);
    }

    /// <summary>A self-contained HTML page: the notes, the table and an SVG of throughput against p99 TTFT (model strings escaped).</summary>
    public static string Html(string title, IReadOnlyList<string> notes, IReadOnlyList<LlmServeResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
        sb.Append(WebUtility.HtmlEncode(title)).Append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>\n");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<ul>");
        foreach (var n in notes) sb.Append("<li>").Append(WebUtility.HtmlEncode(n)).Append("</li>");
        sb.Append("</ul>\n<table><tr><th>Rate (req/s)</th><th>Tokens/s</th><th>TTFT p50 (ms)</th><th>TTFT p90 (ms)</th><th>TTFT p99 (ms)</th><th>TPOT p50 (ms)</th><th>TPOT p90 (ms)</th><th>TPOT p99 (ms)</th><th>Max concurrency</th><th>KV-bound concurrency</th></tr>\n");
        foreach (var r in results)
            sb.Append(inv, $"<tr><td>{r.Rate:0.###}</td><td>{r.OutputTokensPerS:0.#}</td><td>{r.Ttft.P50 * 1e3:0.##}</td><td>{r.Ttft.P90 * 1e3:0.##}</td><td>{r.Ttft.P99 * 1e3:0.##}</td>"
                + $"<td>{r.Tpot.P50 * 1e3:0.###}</td><td>{r.Tpot.P90 * 1e3:0.###}</td><td>{r.Tpot.P99 * 1e3:0.###}</td><td>{r.MaxConcurrency}</td><td>{r.KvBoundConcurrency}</td></tr>\n");
        sb.Append("</table>\n");
        if (results.Count > 0)
        {
            using var plot = Plot(title, results);
            sb.Append(plot.GetSvgXml(800, 480));
        }
        sb.Append("\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the throughput–latency curve to a .png or .svg.</summary>
    public static void Save(string path, string title, IReadOnlyList<LlmServeResult> results)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw ModelMeterException.Usage($"--plot {path}: use a .png or .svg file name");
        using var plot = Plot(title, results);
        try
        {
            AtomicFile.Write(path, s => s.Write(ext == ".png" ? plot.GetImageBytes(900, 560, ImageFormat.Png) : Encoding.UTF8.GetBytes(plot.GetSvgXml(900, 560))));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{path}: cannot write plot: {ex.Message}", ex);
        }
    }

    private static Plot Plot(string title, IReadOnlyList<LlmServeResult> results)
    {
        var plot = new Plot();
        var xs = results.Select(r => r.OutputTokensPerS).ToArray();
        foreach (var (label, pick, color) in new (string, Func<LlmServeResult, double>, string)[]
                 { ("TTFT p50", r => r.Ttft.P50, "#2a9d8f"), ("TTFT p99", r => r.Ttft.P99, "#e76f51"), ("TPOT p99 × 100", r => r.Tpot.P99 * 100, "#264653") })
        {
            var s = plot.Add.Scatter(xs, results.Select(r => pick(r) * 1e3).ToArray());
            s.LegendText = label;
            s.Color = Color.FromHex(color);
        }
        plot.XLabel("output tokens/s");
        plot.YLabel("latency (ms)");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}

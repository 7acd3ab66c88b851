using System.Text;
using ModelMeter.Reports;
using ScottPlot;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// The chart of a <c>--sweep</c> as a static image (PNG or SVG by the file extension) with ScottPlot: the swept dim on the x axis,
/// FLOPs (GFLOP) on the left axis, and on the right axis the estimated latency (ms) on each chip with <c>--hw</c>, or the memory
/// access (MB) without it. A failed value leaves a gap.
/// </summary>
internal static class SweepPlot
{
    private static readonly string[] s_palette = ["#e76f51", "#2a9d8f", "#8e44ad", "#e9c46a", "#264653", "#f4a261", "#6d597a", "#457b9d"];

    /// <summary>Writes the chart of <paramref name="sweep"/> to <paramref name="path"/> (.png or .svg), atomically.</summary>
    public static void Save(string path, SweepResult sweep, int width = 1000, int height = 600)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw ModelMeterException.Usage($"--plot {path}: use a .png or .svg file name");
        using var plot = Build(sweep);
        try
        {
            AtomicFile.Write(path, s => s.Write(ext == ".png" ? plot.GetImageBytes(width, height, ImageFormat.Png) : Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{path}: cannot write plot: {ex.Message}", ex);
        }
    }

    internal static Plot Build(SweepResult sweep)
    {
        var plot = new Plot();
        var ok = sweep.Points.Where(p => p.Profile is not null).ToList();
        double[] xs = [.. ok.Select(p => (double)p.Value)];
        var flops = plot.Add.Scatter(xs, ok.Select(p => p.Profile!.Totals.Flops / 1e9).ToArray());
        flops.LegendText = "FLOPs (GFLOP, left axis)";
        flops.Color = Color.FromHex("#264653");
        flops.LineWidth = 2;
        var chips = sweep.Chips;
        if (chips.Count == 0)
        {
            var bytes = plot.Add.Scatter(xs, ok.Select(p => p.Profile!.Totals.MemoryAccessBytes / 1e6).ToArray());
            bytes.LegendText = "memory access (MB, right axis)";
            bytes.Color = Color.FromHex("#2a9d8f");
            bytes.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "memory access (MB)";
        }
        for (int k = 0; k < chips.Count; k++)
        {
            var chip = chips[k];
            var pts = ok.Select(p => (p.Value, LatencyS: p.LatencyOn(chip))).Where(t => t.LatencyS is > 0).ToList();
            var s = plot.Add.Scatter(pts.Select(t => (double)t.Value).ToArray(), pts.Select(t => t.LatencyS!.Value * 1e3).ToArray());
            s.LegendText = $"latency on {chip} (ms, right axis)";
            s.Color = Color.FromHex(s_palette[k % s_palette.Length]);
            s.Axes.YAxis = plot.Axes.Right;
        }
        if (chips.Count > 0) plot.Axes.Right.Label.Text = "estimated latency (ms)";
        plot.XLabel(sweep.Dim);
        plot.YLabel("FLOPs (GFLOP)");
        plot.Title($"{sweep.Spec}: cost against {sweep.Dim}");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}

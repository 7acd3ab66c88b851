using ModelMeter.Reports;
using ScottPlot;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// The roofline chart as a static image (PNG or SVG by the file extension) with ScottPlot: log-log axes,
/// the bandwidth slope, one ceiling per precision, one point per node sized by its predicted time.
/// </summary>
public static class RooflinePlot
{
    private static readonly string[] s_palette = ["#e76f51", "#2a9d8f", "#8e44ad", "#e9c46a", "#264653", "#f4a261", "#6d597a", "#457b9d"];

    /// <summary>Writes the roofline of chip <paramref name="chipIndex"/> of <paramref name="data"/> to <paramref name="path"/> (.png or .svg).</summary>
    public static void Save(string path, HtmlReportData data, int chipIndex = 0, int width = 1000, int height = 640)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw ModelMeterException.Usage($"--plot {path}: use a .png or .svg file name");
        if (chipIndex < 0 || chipIndex >= data.Chips.Count) throw ModelMeterException.Usage("--plot needs a chip: pass --hw");
        using var plot = Build(data, data.Chips[chipIndex]);
        try
        {
            AtomicFile.Write(path, s =>
            {
                var bytes = ext == ".png" ? plot.GetImageBytes(width, height, ImageFormat.Png) : System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height));
                s.Write(bytes);
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{path}: cannot write plot: {ex.Message}", ex);
        }
    }

    internal static Plot Build(HtmlReportData data, HtmlChip chip)
    {
        var plot = new Plot();
        var pts = chip.Nodes.Where(p => p.Intensity > 0 && p.AttainableFlopsPerS > 0 && p.TimeS > 0).ToList();
        var peaks = chip.Peaks.OrderByDescending(kv => kv.Value).ToList();
        var bw = chip.BandwidthBytesPerS;
        var xs = pts.Select(p => p.Intensity).Concat(bw > 0 ? peaks.Select(p => p.Value / bw) : []).DefaultIfEmpty(1).ToList();
        var ys = pts.Select(p => p.AttainableFlopsPerS).Concat(peaks.Select(p => p.Value)).DefaultIfEmpty(1e12).ToList();
        double x0 = Math.Pow(10, Math.Floor(Math.Log10(xs.Min()) - 0.3)), x1 = Math.Pow(10, Math.Ceiling(Math.Log10(xs.Max()) + 0.3));
        double y1 = Math.Pow(10, Math.Ceiling(Math.Log10(ys.Max()) + 0.2));
        double y0 = Math.Pow(10, Math.Floor(Math.Log10(Math.Min(ys.Min(), bw > 0 ? bw * x0 : double.MaxValue))));
        if (peaks.Count > 0 && bw > 0)
        {
            var sx = Math.Max(x0, y0 / bw);
            var slope = plot.Add.Line(Math.Log10(sx), Math.Log10(bw * sx), Math.Log10(peaks[0].Value / bw), Math.Log10(peaks[0].Value));
            slope.Color = Color.FromHex("#334155");
            slope.LineWidth = 2;
            slope.LegendText = $"memory {Si(bw)}B/s";
        }
        for (var k = 0; k < peaks.Count; k++)
        {
            var rx = bw > 0 ? Math.Max(x0, peaks[k].Value / bw) : x0;
            var ceil = plot.Add.Line(Math.Log10(rx), Math.Log10(peaks[k].Value), Math.Log10(x1), Math.Log10(peaks[k].Value));
            ceil.Color = Color.FromHex(s_palette[k % s_palette.Length]);
            ceil.LineWidth = 2;
            ceil.LegendText = $"{peaks[k].Key} {Si(peaks[k].Value)}FLOP/s";
        }
        var maxT = pts.Count > 0 ? pts.Max(p => p.TimeS) : 1;
        foreach (var p in pts.OrderByDescending(p => p.TimeS))
        {
            var m = plot.Add.Marker(Math.Log10(p.Intensity), Math.Log10(p.AttainableFlopsPerS), MarkerShape.FilledCircle, (float)(5 + 18 * Math.Sqrt(p.TimeS / maxT)));
            m.Color = Color.FromHex(p.Bound == "compute" ? "#e76f51" : "#2a9d8f").WithAlpha(0.6);
        }
        plot.Axes.SetLimits(Math.Log10(x0), Math.Log10(x1), Math.Log10(y0), Math.Log10(y1));
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.XLabel("arithmetic intensity (FLOP/byte)");
        plot.YLabel("attainable FLOP/s");
        plot.Title($"{data.Title} on {chip.Name}: predicted {chip.TotalTimeS * 1e3:G3} ms");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Si(Math.Pow(10, v)),
    };

    private static string Si(double v)
    {
        string[] p = ["", "K", "M", "G", "T", "P", "E"];
        var i = 0;
        while (Math.Abs(v) >= 1000 && i < p.Length - 1) { v /= 1000; i++; }
        if (i == 0 && Math.Abs(v) < 1 && v != 0) return v.ToString("G2", System.Globalization.CultureInfo.InvariantCulture);
        return v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) + " " + p[i];
    }
}

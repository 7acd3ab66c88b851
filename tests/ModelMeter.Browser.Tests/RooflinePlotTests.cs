using System.Xml.Linq;
using ModelMeter.Cli.Reports;
using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Browser.Tests;

/// <summary>The static roofline image (ScottPlot) for papers and slides.</summary>
public sealed class RooflinePlotTests
{
    private static HtmlReportData Data()
    {
        var nodes = Enumerable.Range(1, 40).Select(i => new HtmlNode { Name = "n" + i, OpType = i % 2 == 0 ? "Conv" : "Relu", Flops = 1_000_000L * i * i, BytesRead = 400_000, BytesWritten = 400_000 }).ToList();
        var chip = new HtmlChip("t4", "NVIDIA T4", new Dictionary<string, double> { ["fp32"] = 8.1e12, ["fp16"] = 65e12, ["int8"] = 130e12 }, 320e9,
            nodes.Select(n =>
            {
                var intensity = n.Flops / 800_000.0;
                var time = Math.Max(n.Flops / 8.1e12, 800_000 / 320e9);
                return new HtmlChipNode(n.Name, intensity, n.Flops / time, time, n.Flops / 8.1e12 > 800_000 / 320e9 ? "compute" : "memory");
            }).ToList());
        return new HtmlReportData { Title = "synthetic", Totals = new HtmlTotals(0, 0, nodes.Sum(n => n.Flops), 0, 0, 0, nodes.Count, 0), Nodes = nodes, Chips = [chip] };
    }

    [Fact]
    public void WritesAPngAndAnSvg()
    {
        var png = HtmlReportBrowserTests.Artifact("roofline.png");
        var svg = HtmlReportBrowserTests.Artifact("roofline.svg");
        RooflinePlot.Save(png, Data());
        RooflinePlot.Save(svg, Data());
        var head = File.ReadAllBytes(png)[..8];
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head);
        Assert.True(new FileInfo(png).Length > 10_000);
        var doc = XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains("fp16", doc.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsOtherExtensions()
    {
        var ex = Assert.Throws<ModelMeterException>(() => RooflinePlot.Save("roofline.jpg", Data()));
        Assert.Equal(ErrorKind.Usage, ex.Kind);
    }
}

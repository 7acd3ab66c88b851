using BenchmarkDotNet.Attributes;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Shapes;
using ModelMeter.Zoo;

namespace ModelMeter.Benchmarks;

/// <summary>
/// The workbench page of a 10,000-node model: a Llama-style decoder (<see cref="DecoderBuilder.TinyLlama"/> with 770 layers, one decode
/// step) with the what-if data for the whole catalog. <see cref="Write"/> also writes the page once (<c>bench html PATH</c>) for the size
/// and browser load figures in docs/performance.md.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class HtmlReportBenchmarks
{
    private HtmlReportData _data = null!;

    /// <summary>Layers of the decoder: 770 gives 10,012 nodes.</summary>
    public const int Layers = 770;

    [GlobalSetup]
    public void Setup() => _data = Build();

    /// <summary>Serialise and fill the page.</summary>
    [Benchmark]
    public string Render() => HtmlExporter.Render(_data);

    /// <summary>The page data of the 10,000-node decoder on an H100 with the whole catalog selectable.</summary>
    public static HtmlReportData Build()
    {
        var model = DecoderBuilder.Build(DecoderBuilder.TinyLlama with { Layers = Layers });
        var dims = new Dictionary<string, long> { ["batch_size"] = 1, ["sequence_length"] = 1, ["past_sequence_length"] = 127, ["total_sequence_length"] = 128 };
        ModelMeter.Costs.ModelProfile At(long b) => Analyzer.Analyze(model, new ShapeOptions(Dims: new Dictionary<string, long>(dims) { ["batch_size"] = b }));
        var profile = At(1);
        var h100 = HardwareCatalog.Default.Get("h100-sxm");
        var data = HtmlReportBuilder.FromProfile(profile, [h100], "bench html");
        return data with
        {
            WhatIf = HtmlWhatIfBuilder.Build(profile, HardwareCatalog.Default.Entries,
                new HtmlWhatIfOptions(1, "batch_size", At(2), (8, At(8)), "bench", "h100-sxm")),
        };
    }

    /// <summary>Writes the page to <paramref name="path"/> and prints its node count and size.</summary>
    public static void Write(string path)
    {
        var data = Build();
        HtmlExporter.Write(data, path);
        Console.WriteLine($"{data.Nodes.Count} nodes, {new FileInfo(path).Length} bytes");
    }
}

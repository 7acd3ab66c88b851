using BenchmarkDotNet.Attributes;
using ModelMeter.Costs;
using ModelMeter.Onnx;

namespace ModelMeter.Benchmarks;

/// <summary>
/// Time and memory per node from 1k to 300k nodes (an <see cref="AddChain"/> read from its ONNX file and analysed):
/// the pipeline must be linear, so the per-node figures stay flat.
/// </summary>
[MemoryDiagnoser, MinColumn]
public class GraphSizeBenchmarks
{
    private string _path = "";

    /// <summary>Nodes in the chain.</summary>
    [Params(1_000, 10_000, 100_000, 300_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup() => _path = AddChain.File(Nodes, Directory.CreateTempSubdirectory("mm-graph-size-").FullName);

    /// <summary>Read and analyse.</summary>
    [Benchmark]
    public ModelProfile ReadAndAnalyze() => Analyzer.Analyze(OnnxReader.Read(_path));
}

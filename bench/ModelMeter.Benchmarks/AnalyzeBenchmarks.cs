using BenchmarkDotNet.Attributes;
using ModelMeter.Costs;
using ModelMeter.Onnx;
using ModelMeter.Zoo;

namespace ModelMeter.Benchmarks;

/// <summary>
/// The whole <c>analyze</c> pipeline (read → shapes → costs) on the built-in resnet50 and on real exports from the
/// corpus (found through MODELMETER_CORPUS, default ../shared beside the repository): resnet50 as exported by
/// PyTorch, vit_b_16 (the largest graph: value propagation through Shape/Gather/Concat/Reshape chains) and
/// mobilenet_v2.fused.onnx (the largest file, weights inline).
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class AnalyzeBenchmarks
{
    private string _path = "";

    /// <summary>Which model.</summary>
    [Params("zoo:resnet50", "resnet50.bn.graph-only.onnx", "vit_b_16.bn.graph-only.onnx", "mobilenet_v2.fused.onnx")]
    public string ModelName { get; set; } = "zoo:resnet50";

    [GlobalSetup]
    public void Setup()
    {
        if (ModelName.StartsWith("zoo:", StringComparison.Ordinal)) return;
        var corpus = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (string.IsNullOrEmpty(corpus))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "models"))) dir = dir.Parent;
            corpus = dir is null ? "../shared" : Path.Combine(dir.FullName, "shared");
        }
        _path = Path.Combine(corpus, "models", ModelName);
        if (!File.Exists(_path)) throw new FileNotFoundException($"corpus model not found: {_path} (set MODELMETER_CORPUS)");
    }

    /// <summary>Read (or build) and analyse the model.</summary>
    [Benchmark]
    public ModelProfile Analyze()
    {
        var model = _path.Length == 0 ? ModelZoo.Build(ModelName) : OnnxReader.Read(_path);
        return Analyzer.Analyze(model);
    }
}

using BenchmarkDotNet.Attributes;
using ModelMeter.Graphs;
using ModelMeter.Onnx;

namespace ModelMeter.Benchmarks;

/// <summary>
/// Reading a model with ~500 MB of inline float weights against its graph-only twin (same graph, weights in a
/// missing external file). The reader seeks past payloads, so both should take about the same time and memory.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ReaderBenchmarks
{
    private const int Layers = 50;
    private const int Width = 1600; // 50 × 1600 × 1600 floats ≈ 512 MB

    private string _folder = "";
    private string _inline = "";
    private string _graphOnly = "";

    /// <summary>Size of the inline model file in bytes.</summary>
    public long InlineFileBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "modelmeter-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _inline = Path.Combine(_folder, "mlp.onnx");
        _graphOnly = Path.Combine(_folder, "mlp.graph-only.onnx");
        OnnxWriter.Write(Build(external: false), _inline);
        OnnxWriter.Write(Build(external: true), _graphOnly);
        InlineFileBytes = new FileInfo(_inline).Length;
        Console.WriteLine($"// inline model: {InlineFileBytes:N0} bytes; graph-only: {new FileInfo(_graphOnly).Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Benchmark(Baseline = true)]
    public Model GraphOnly() => OnnxReader.Read(_graphOnly);

    [Benchmark]
    public Model InlineWeights() => OnnxReader.Read(_inline);

    /// <summary>A chain of MatMul + Add + Relu layers; weights share one random buffer (or point to a missing file).</summary>
    internal static Model Build(bool external)
    {
        var weightBytes = new byte[Width * Width * 4];
        new Random(1).NextBytes(weightBytes);
        var biasBytes = new byte[Width * 4];
        var nodes = new List<Node>();
        var inits = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        long offset = 0;
        TensorData Tensor(string name, long[] dims, byte[] bytes)
        {
            var t = external
                ? new TensorData { Name = name, DataType = DataType.Float, Dims = dims, IsExternal = true, ExternalLocation = "mlp.weights", Encoding = TensorEncoding.Raw, Offset = offset, Length = bytes.Length }
                : new TensorData { Name = name, DataType = DataType.Float, Dims = dims, Encoding = TensorEncoding.Raw, InlineBytes = bytes };
            offset += bytes.Length;
            return t;
        }
        var x = "input";
        for (int i = 0; i < Layers; i++)
        {
            inits[$"w{i}"] = Tensor($"w{i}", [Width, Width], weightBytes);
            inits[$"b{i}"] = Tensor($"b{i}", [Width], biasBytes);
            nodes.Add(new Node { Name = $"matmul{i}", OpType = "MatMul", Inputs = [x, $"w{i}"], Outputs = [$"mm{i}"] });
            nodes.Add(new Node { Name = $"add{i}", OpType = "Add", Inputs = [$"mm{i}", $"b{i}"], Outputs = [$"a{i}"] });
            nodes.Add(new Node { Name = $"relu{i}", OpType = "Relu", Inputs = [$"a{i}"], Outputs = [$"r{i}"] });
            x = $"r{i}";
        }
        var shape = new Shape([Dim.Symbol("batch"), Width]);
        return new Model
        {
            IrVersion = 8, ProducerName = "ModelMeter.Benchmarks", Opsets = new Dictionary<string, long> { [""] = 17 },
            Graph = new Graph
            {
                Name = "mlp", Nodes = nodes, Initializers = inits,
                Inputs = [new ValueInfo("input", TensorType.Of(DataType.Float, shape))],
                Outputs = [new ValueInfo(x, TensorType.Of(DataType.Float, shape))],
            },
        };
    }
}

using BenchmarkDotNet.Attributes;
using ModelMeter.Graphs;
using ModelMeter.Onnx;

namespace ModelMeter.Benchmarks;

/// <summary>
/// Reading a model with ~500 MB of inline float weights against its graph-only twin (same graph, weights in a
/// missing external file). The reader seeks past payloads, so both should take about the same time and memory.
/// Two shapes: <c>gpt2</c> is laid out like an exported GPT-2 small (124 M parameters, ~50 large weights,
/// ~1,000 nodes); <c>mlp</c> is a worst case of 100 weights of 10 MB for only 150 nodes, where the one read per
/// skipped weight is a visible share of the time.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ReaderBenchmarks
{
    private const int Layers = 50;
    private const int Width = 1600; // 50 × 1600 × 1600 floats ≈ 512 MB

    private string _folder = "";
    private string _inline = "";
    private string _graphOnly = "";

    /// <summary>Which model.</summary>
    [Params("gpt2", "mlp")]
    public string Layout { get; set; } = "gpt2";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"modelmeter-bench-{Environment.ProcessId}-{Layout}");
        Directory.CreateDirectory(_folder);
        _inline = Path.Combine(_folder, "model.onnx");
        _graphOnly = Path.Combine(_folder, "model.graph-only.onnx");
        Func<bool, Model> build = Layout == "mlp" ? BuildMlp : Gpt2Shaped.Build;
        OnnxWriter.Write(build(false), _inline);
        OnnxWriter.Write(build(true), _graphOnly);
        var m = OnnxReader.Read(_inline);
        Console.WriteLine($"// {Layout}: inline {new FileInfo(_inline).Length:N0} bytes, graph-only {new FileInfo(_graphOnly).Length:N0} bytes, " +
            $"{m.Graph.Nodes.Count} nodes, {m.Graph.Initializers.Count} initializers");
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

    /// <summary>A float tensor: inline bytes, or a reference into a missing external file.</summary>
    internal static TensorData Tensor(string name, long[] dims, byte[] bytes, bool external, ref long offset)
    {
        var t = external
            ? new TensorData { Name = name, DataType = DataType.Float, Dims = dims, IsExternal = true, ExternalLocation = "model.weights", Encoding = TensorEncoding.Raw, Offset = offset, Length = bytes.Length }
            : new TensorData { Name = name, DataType = DataType.Float, Dims = dims, Encoding = TensorEncoding.Raw, InlineBytes = bytes };
        offset += bytes.Length;
        return t;
    }

    /// <summary>A chain of MatMul + Add + Relu layers; weights share one random buffer (or point to a missing file).</summary>
    internal static Model BuildMlp(bool external)
    {
        var weightBytes = new byte[Width * Width * 4];
        new Random(1).NextBytes(weightBytes);
        var biasBytes = new byte[Width * 4];
        var nodes = new List<Node>();
        var inits = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        long offset = 0;
        var x = "input";
        for (int i = 0; i < Layers; i++)
        {
            inits[$"w{i}"] = Tensor($"w{i}", [Width, Width], weightBytes, external, ref offset);
            inits[$"b{i}"] = Tensor($"b{i}", [Width], biasBytes, external, ref offset);
            nodes.Add(new Node { Name = $"matmul{i}", OpType = "MatMul", Inputs = [x, $"w{i}"], Outputs = [$"mm{i}"] });
            nodes.Add(new Node { Name = $"add{i}", OpType = "Add", Inputs = [$"mm{i}", $"b{i}"], Outputs = [$"a{i}"] });
            nodes.Add(new Node { Name = $"relu{i}", OpType = "Relu", Inputs = [$"a{i}"], Outputs = [$"r{i}"] });
            x = $"r{i}";
        }
        var shape = new Graphs.Shape([Dim.Symbol("batch"), Width]);
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

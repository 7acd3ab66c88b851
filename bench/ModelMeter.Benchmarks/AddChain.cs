using ModelMeter.Graphs;
using ModelMeter.Onnx;

namespace ModelMeter.Benchmarks;

/// <summary>
/// A synthetic graph of any size: a chain of <c>Add</c> nodes, each adding a [1,64] float bias to the previous
/// [batch,64] output (one small initializer per node, like the biases of a real export). Written once as an ONNX file.
/// </summary>
public static class AddChain
{
    /// <summary>The chain of <paramref name="nodes"/> Add nodes as a model.</summary>
    public static Model Build(int nodes)
    {
        var list = new Node[nodes];
        var inits = new Dictionary<string, TensorData>(nodes, StringComparer.Ordinal);
        string prev = "x";
        for (int i = 0; i < nodes; i++)
        {
            string b = "b" + i, y = i == nodes - 1 ? "y" : "t" + i;
            inits[b] = new TensorData { Name = b, DataType = DataType.Float, Dims = [1, 64], Encoding = TensorEncoding.Raw, InlineBytes = new byte[256], Length = 256 };
            list[i] = new Node { Name = "add_" + i, OpType = "Add", Inputs = [prev, b], Outputs = [y] };
            prev = y;
        }
        return new Model
        {
            Path = $"add-chain-{nodes}",
            IrVersion = 8,
            Opsets = new Dictionary<string, long> { [""] = 17 },
            Graph = new Graph
            {
                Name = "add_chain",
                Nodes = list,
                Inputs = [new ValueInfo("x", new TensorType(DataType.Float, new Shape([Dim.Symbol("batch"), 64])))],
                Outputs = [new ValueInfo("y", TensorType.Unknown)],
                Initializers = inits,
            },
        };
    }

    /// <summary>Writes the chain to <paramref name="path"/> (once; an existing file is reused).</summary>
    public static string File(int nodes, string directory)
    {
        var path = Path.Combine(directory, $"add-chain-{nodes}.onnx");
        if (!System.IO.File.Exists(path)) OnnxWriter.Write(Build(nodes), path);
        return path;
    }
}

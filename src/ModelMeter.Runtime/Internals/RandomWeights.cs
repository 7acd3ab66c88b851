using ModelMeter.Graphs;

namespace ModelMeter.Runtime.Internals;

/// <summary>Gives every initializer whose payload is missing (external data file absent) random values of its type and shape.</summary>
static class RandomWeights
{
    /// <summary>True when some initializer of the main graph has no readable payload.</summary>
    public static bool Needed(Model model) => model.Graph.Initializers.Values.Any(t => !t.HasPayload && t.ElementCount > 0);

    /// <summary>A copy of <paramref name="model"/> with random payloads where they are missing.</summary>
    public static Model Fill(Model model, int seed)
    {
        var rnd = new Random(seed);
        var g = model.Graph;
        var inits = new Dictionary<string, TensorData>(g.Initializers.Count, StringComparer.Ordinal);
        foreach (var (name, t) in g.Initializers)
            inits[name] = t.HasPayload || t.ElementCount == 0 ? t : new TensorData
            {
                Name = t.Name, DataType = t.DataType, Dims = t.Dims, Encoding = TensorEncoding.Raw, InlineBytes = Bytes(t, rnd),
            };
        var graph = new Graph
        {
            Name = g.Name, Nodes = g.Nodes, Inputs = g.Inputs, Outputs = g.Outputs, ValueInfos = g.ValueInfos, Initializers = inits, DocString = g.DocString,
        };
        return new Model
        {
            Path = model.Path, IrVersion = model.IrVersion, Opsets = model.Opsets, ProducerName = model.ProducerName, ProducerVersion = model.ProducerVersion,
            Domain = model.Domain, ModelVersion = model.ModelVersion, DocString = model.DocString, Metadata = model.Metadata, Graph = graph, Functions = model.Functions,
        };
    }

    static byte[] Bytes(TensorData t, Random rnd)
    {
        var n = checked((int)t.ElementCount);
        var b = new byte[checked((int)t.ByteSize)];
        switch (t.DataType)
        {
            case DataType.Float:
                for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b.AsSpan(i * 4), (float)(rnd.NextDouble() * 0.2 - 0.1));
                break;
            case DataType.Double:
                for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b.AsSpan(i * 8), rnd.NextDouble() * 0.2 - 0.1);
                break;
            case DataType.Float16:
                for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b.AsSpan(i * 2), (Half)(rnd.NextDouble() * 0.2 - 0.1));
                break;
            case DataType.Int8 or DataType.UInt8:
                rnd.NextBytes(b);
                break;
            default:
                break; // integer tables (indices, shapes) stay zero: always in range
        }
        return b;
    }
}

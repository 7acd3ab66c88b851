using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Reads ModelProto and FunctionProto.</summary>
internal static class ModelProtoReader
{
    /// <summary>ModelProto: ir_version 1, producer_name 2, producer_version 3, domain 4, model_version 5, doc 6,
    /// graph 7, opset_import 8, metadata_props 14, functions 25.</summary>
    public static Model ReadModel(ReadContext c, string path)
    {
        const string M = "ModelProto";
        var r = c.R;
        if (r.End - r.Position == 0) throw new WireFormatException("not an ONNX model: the file is empty");
        long ir = 0, modelVersion = 0;
        string producer = "", producerVersion = "", domain = "", doc = "";
        Graph? graph = null;
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var functions = new List<FunctionDef>();
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: ir = c.Varint(M, f, w); break;
                case 2: producer = c.String(M, f, w); break;
                case 3: producerVersion = c.String(M, f, w); break;
                case 4: domain = c.String(M, f, w); break;
                case 5: modelVersion = c.Varint(M, f, w); break;
                case 6: doc = c.String(M, f, w); break;
                case 7: graph = GraphProtoReader.ReadGraph(c, M, f, w, 0); break;
                case 8: c.Opset(M, f, w, opsets); break;
                case 14:
                    var (k, v) = c.Entry(M, f, w);
                    metadata[k] = v;
                    break;
                case 25: functions.Add(ReadFunction(c, f, w)); break;
                default: r.SkipField(w); break;
            }
        }
        if (graph is null) throw new WireFormatException("not an ONNX model: no graph");
        return new Model
        {
            Path = path, IrVersion = ir, Opsets = opsets, ProducerName = producer, ProducerVersion = producerVersion,
            Domain = domain, ModelVersion = modelVersion, DocString = doc, Metadata = metadata, Graph = graph,
            Functions = functions, ReadWarnings = c.FinishWarnings(),
        };
    }

    /// <summary>FunctionProto: name 1, input 4, output 5, attribute 6, node 7, opset_import 9, domain 10, attribute_proto 11.</summary>
    private static FunctionDef ReadFunction(ReadContext c, int field, int wt)
    {
        const string M = "FunctionProto";
        var r = c.R;
        long old = c.Begin("ModelProto", field, wt);
        string name = "", domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attrNames = new List<string>();
        var defaults = new List<NodeAttribute>();
        var nodes = new List<GraphProtoReader.RawNode>();
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: name = c.String(M, f, w); break;
                case 4: inputs.Add(c.String(M, f, w)); break;
                case 5: outputs.Add(c.String(M, f, w)); break;
                case 6: attrNames.Add(c.String(M, f, w)); break;
                case 7: nodes.Add(GraphProtoReader.ReadNode(c, M, f, w, 0)); break;
                case 9: c.Opset(M, f, w, opsets); break;
                case 10: domain = c.String(M, f, w); break;
                case 11: defaults.Add(GraphProtoReader.ReadAttribute(c, f, w, 0)); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new FunctionDef
        {
            Name = name, Domain = domain, Inputs = inputs, Outputs = outputs, AttributeNames = attrNames,
            AttributeDefaults = defaults, Nodes = GraphProtoReader.NameNodes(c, nodes), Opsets = opsets,
        };
    }
}

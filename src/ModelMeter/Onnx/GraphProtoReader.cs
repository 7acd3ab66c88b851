using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Reads GraphProto, NodeProto and AttributeProto (subgraphs recursively, depth-guarded).</summary>
internal static class GraphProtoReader
{
    /// <summary>A node as read, before it gets its unique name.</summary>
    internal sealed record RawNode(string Name, string OpType, string Domain, List<string> Inputs, List<string> Outputs,
        Dictionary<string, NodeAttribute> Attributes, string DocString);

    /// <summary>GraphProto: node 1, name 2, initializer 5, doc 10, input 11, output 12, value_info 13, sparse_initializer 15.</summary>
    public static Graph ReadGraph(ReadContext c, string message, int field, int wt, int depth)
    {
        c.Enter(depth, "subgraphs");
        var r = c.R;
        long old = c.Begin(message, field, wt);
        string name = "", doc = "";
        var nodes = new List<RawNode>();
        var inputs = new List<ValueInfo>();
        var outputs = new List<ValueInfo>();
        var infos = new List<ValueInfo>();
        var inits = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: nodes.Add(ReadNode(c, "GraphProto", f, w, depth)); break;
                case 2: name = c.String("GraphProto", f, w); break;
                case 5:
                    var t = TensorProtoReader.Read(c, "GraphProto", f, w);
                    inits[t.Name] = t;
                    break;
                case 15:
                    var s = TensorProtoReader.ReadSparse(c, "GraphProto", f, w);
                    inits[s.Name] = s;
                    break;
                case 10: doc = c.String("GraphProto", f, w); break;
                case 11: inputs.Add(TypeProtoReader.ReadValueInfo(c, f, w, depth)); break;
                case 12: outputs.Add(TypeProtoReader.ReadValueInfo(c, f, w, depth)); break;
                case 13: infos.Add(TypeProtoReader.ReadValueInfo(c, f, w, depth)); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new Graph
        {
            Name = name, DocString = doc, Nodes = NameNodes(c, nodes), Inputs = inputs, Outputs = outputs,
            ValueInfos = infos, Initializers = inits,
        };
    }

    /// <summary>Gives every node a unique name: explicit names are reserved first, then unnamed nodes get OpType_index.</summary>
    public static List<Node> NameNodes(ReadContext c, List<RawNode> raw)
    {
        var names = new string[raw.Count];
        for (int i = 0; i < raw.Count; i++)
            if (raw[i].Name.Length > 0) names[i] = c.UniqueNodeName(raw[i].Name, raw[i].OpType, i);
        for (int i = 0; i < raw.Count; i++)
            names[i] ??= c.UniqueNodeName("", raw[i].OpType, i);
        var result = new List<Node>(raw.Count);
        for (int i = 0; i < raw.Count; i++)
        {
            var n = raw[i];
            result.Add(new Node
            {
                Name = names[i], OpType = n.OpType, Domain = n.Domain, Inputs = n.Inputs, Outputs = n.Outputs,
                Attributes = n.Attributes, DocString = n.DocString,
            });
        }
        return result;
    }

    /// <summary>NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, doc 6, domain 7.</summary>
    public static RawNode ReadNode(ReadContext c, string message, int field, int wt, int depth)
    {
        var r = c.R;
        long old = c.Begin(message, field, wt);
        string name = "", op = "", domain = "", doc = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attrs = new Dictionary<string, NodeAttribute>(StringComparer.Ordinal);
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: inputs.Add(c.String("NodeProto", f, w)); break;
                case 2: outputs.Add(c.String("NodeProto", f, w)); break;
                case 3: name = c.String("NodeProto", f, w); break;
                case 4: op = c.String("NodeProto", f, w); break;
                case 5:
                    var a = ReadAttribute(c, f, w, depth);
                    attrs[a.Name] = a;
                    break;
                case 6: doc = c.String("NodeProto", f, w); break;
                case 7: domain = c.String("NodeProto", f, w); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new RawNode(name, op, domain, inputs, outputs, attrs, doc);
    }

    /// <summary>AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9, tensors 10, graphs 11,
    /// tp 14, type 20, ref_attr_name 21, sparse_tensor 22, sparse_tensors 23.</summary>
    public static NodeAttribute ReadAttribute(ReadContext c, int field, int wt, int depth)
    {
        const string M = "AttributeProto";
        var r = c.R;
        long old = c.Begin("NodeProto", field, wt);
        string name = "", s = "";
        string? refName = null;
        float fv = 0;
        long iv = 0;
        TensorData? t = null;
        Graph? g = null;
        TensorType? tp = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var strings = new List<string>();
        var tensors = new List<TensorData>();
        var graphs = new List<Graph>();
        var type = AttributeType.Undefined;
        var seen = AttributeType.Undefined; // for IR v1 files without the type field
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: name = c.String(M, f, w); break;
                case 2:
                    if (w != WireReader.Fixed32Type) throw ReadContext.WrongType(M, f, w);
                    fv = BitConverter.UInt32BitsToSingle(r.ReadFixed32());
                    seen = AttributeType.Float;
                    break;
                case 3: iv = c.Varint(M, f, w); seen = AttributeType.Int; break;
                case 4: s = c.String(M, f, w); seen = AttributeType.String; break;
                case 5: t = TensorProtoReader.Read(c, M, f, w); seen = AttributeType.Tensor; break;
                case 6: g = ReadGraph(c, M, f, w, depth + 1); seen = AttributeType.Graph; break;
                case 7: c.Floats(M, f, w, floats); seen = AttributeType.Floats; break;
                case 8: c.Int64s(M, f, w, ints); seen = AttributeType.Ints; break;
                case 9: strings.Add(c.String(M, f, w)); seen = AttributeType.Strings; break;
                case 10: tensors.Add(TensorProtoReader.Read(c, M, f, w)); seen = AttributeType.Tensors; break;
                case 11: graphs.Add(ReadGraph(c, M, f, w, depth + 1)); seen = AttributeType.Graphs; break;
                case 14: tp = TypeProtoReader.ReadType(c, f, w, depth + 1, name); seen = AttributeType.TypeProto; break;
                case 20: type = (AttributeType)(int)c.Varint(M, f, w); break;
                case 21: refName = c.String(M, f, w); break;
                case 22: t = TensorProtoReader.ReadSparse(c, M, f, w); seen = AttributeType.SparseTensor; break;
                case 23: tensors.Add(TensorProtoReader.ReadSparse(c, M, f, w)); seen = AttributeType.SparseTensors; break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new NodeAttribute
        {
            Name = name, Type = type == AttributeType.Undefined ? seen : type, F = fv, I = iv, S = s, T = t, G = g,
            Floats = floats, Ints = ints, Strings = strings, Tensors = tensors, Graphs = graphs, TypeValue = tp,
            RefAttrName = refName,
        };
    }
}

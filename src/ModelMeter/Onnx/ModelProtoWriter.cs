using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Writes the IR as ONNX messages (same field numbers as the readers).</summary>
internal sealed class ModelProtoWriter(OnnxWriteOptions options)
{
    public void WriteModel(ProtoSink s, Model m)
    {
        var opsets = m.Opsets.Count > 0 ? m.Opsets : new Dictionary<string, long> { [""] = 17 };
        s.Int64(1, m.IrVersion > 0 ? m.IrVersion : DefaultIrVersion(opsets));
        if (m.ProducerName.Length > 0) s.String(2, m.ProducerName);
        if (m.ProducerVersion.Length > 0) s.String(3, m.ProducerVersion);
        if (m.Domain.Length > 0) s.String(4, m.Domain);
        if (m.ModelVersion != 0) s.Int64(5, m.ModelVersion);
        if (m.DocString.Length > 0) s.String(6, m.DocString);
        s.Message(7, g => WriteGraph(g, m.Graph));
        foreach (var (domain, version) in opsets) s.Message(8, o => Opset(o, domain, version));
        foreach (var (k, v) in m.Metadata) s.Message(14, e => { e.String(1, k); e.String(2, v); });
        foreach (var f in m.Functions) s.Message(25, x => WriteFunction(x, f));
    }

    /// <summary>The IR version ONNX Runtime expects with the default-domain opset.</summary>
    internal static long DefaultIrVersion(IReadOnlyDictionary<string, long> opsets)
    {
        long opset = opsets.TryGetValue("", out var v) ? v : opsets.TryGetValue("ai.onnx", out var w) ? w : 17;
        return opset <= 17 ? 8 : opset <= 19 ? 9 : 10;
    }

    private static void Opset(ProtoSink s, string domain, long version)
    {
        if (domain.Length > 0) s.String(1, domain);
        s.Int64(2, version);
    }

    private void WriteFunction(ProtoSink s, FunctionDef f)
    {
        s.String(1, f.Name);
        foreach (var i in f.Inputs) s.String(4, i);
        foreach (var o in f.Outputs) s.String(5, o);
        foreach (var a in f.AttributeNames) s.String(6, a);
        foreach (var n in f.Nodes) s.Message(7, x => WriteNode(x, n));
        foreach (var (domain, version) in f.Opsets) s.Message(9, o => Opset(o, domain, version));
        if (f.Domain.Length > 0) s.String(10, f.Domain);
        foreach (var a in f.AttributeDefaults) s.Message(11, x => WriteAttribute(x, a));
    }

    public void WriteGraph(ProtoSink s, Graph g)
    {
        foreach (var n in g.Nodes) s.Message(1, x => WriteNode(x, n));
        if (g.Name.Length > 0) s.String(2, g.Name);
        foreach (var t in g.Initializers.Values) s.Message(5, x => WriteTensor(x, t));
        if (g.DocString.Length > 0) s.String(10, g.DocString);
        foreach (var v in g.Inputs) s.Message(11, x => WriteValueInfo(x, v));
        foreach (var v in g.Outputs) s.Message(12, x => WriteValueInfo(x, v));
        foreach (var v in g.ValueInfos) s.Message(13, x => WriteValueInfo(x, v));
    }

    private void WriteNode(ProtoSink s, Node n)
    {
        foreach (var i in n.Inputs) s.String(1, i);
        foreach (var o in n.Outputs) s.String(2, o);
        if (n.Name.Length > 0) s.String(3, n.Name);
        s.String(4, n.OpType);
        foreach (var a in n.Attributes.Values) s.Message(5, x => WriteAttribute(x, a));
        if (n.DocString.Length > 0) s.String(6, n.DocString);
        if (n.Domain.Length > 0) s.String(7, n.Domain);
    }

    private void WriteAttribute(ProtoSink s, NodeAttribute a)
    {
        s.String(1, a.Name);
        if (a.RefAttrName is { } refName) s.String(21, refName);
        s.Int64(20, (long)a.Type);
        if (a.RefAttrName is not null) return;
        switch (a.Type)
        {
            case AttributeType.Float: s.Fixed32(2, BitConverter.SingleToUInt32Bits(a.F)); break;
            case AttributeType.Int: s.Int64(3, a.I); break;
            case AttributeType.String: s.String(4, a.S); break;
            case AttributeType.Tensor when a.T is not null: s.Message(5, x => WriteTensor(x, a.T)); break;
            case AttributeType.Graph when a.G is not null: s.Message(6, x => WriteGraph(x, a.G)); break;
            case AttributeType.Floats: s.PackedFloat(7, a.Floats); break;
            case AttributeType.Ints: s.PackedInt64(8, a.Ints); break;
            case AttributeType.Strings: foreach (var v in a.Strings) s.String(9, v); break;
            case AttributeType.Tensors: foreach (var t in a.Tensors) s.Message(10, x => WriteTensor(x, t)); break;
            case AttributeType.Graphs: foreach (var g in a.Graphs) s.Message(11, x => WriteGraph(x, g)); break;
            case AttributeType.TypeProto when a.TypeValue is not null: s.Message(14, x => WriteType(x, a.TypeValue)); break;
            case AttributeType.SparseTensor when a.T is not null: s.Message(22, x => WriteSparse(x, a.T)); break;
            case AttributeType.SparseTensors: foreach (var t in a.Tensors) s.Message(23, x => WriteSparse(x, t)); break;
        }
    }

    /// <summary>Sparse tensors are kept as dims and type only: written with an empty values tensor.</summary>
    private static void WriteSparse(ProtoSink s, TensorData t)
    {
        s.Message(1, v =>
        {
            v.PackedInt64(1, [0]);
            v.Int64(2, (long)t.DataType);
            if (t.Name.Length > 0) v.String(8, t.Name);
        });
        s.Message(2, v => { v.PackedInt64(1, [0]); v.Int64(2, (long)DataType.Int64); });
        s.PackedInt64(3, t.Dims);
    }

    private void WriteTensor(ProtoSink s, TensorData t)
    {
        s.PackedInt64(1, t.Dims);
        s.Int64(2, (long)t.DataType);
        if (t.Name.Length > 0) s.String(8, t.Name);
        TensorPayloadWriter.Write(s, t, options);
    }

    private static void WriteValueInfo(ProtoSink s, ValueInfo v)
    {
        s.String(1, v.Name);
        if (v.Type != TensorType.Unknown) s.Message(2, x => WriteType(x, v.Type));
    }

    private static void WriteType(ProtoSink s, TensorType t)
    {
        switch (t.Kind)
        {
            case ValueKind.Sequence: s.Message(4, x => Element(x, 1, t.Element)); break;
            case ValueKind.Optional: s.Message(9, x => Element(x, 1, t.Element)); break;
            case ValueKind.Map: s.Message(5, x => { x.Int64(1, (long)DataType.Int64); Element(x, 2, t.Element); }); break;
            case ValueKind.SparseTensor: s.Message(8, x => TensorTypeBody(x, t)); break;
            default: s.Message(1, x => TensorTypeBody(x, t)); break;
        }
    }

    private static void Element(ProtoSink s, int field, TensorType? element)
    {
        if (element is not null) s.Message(field, x => WriteType(x, element));
    }

    private static void TensorTypeBody(ProtoSink s, TensorType t)
    {
        if (t.ElementType != DataType.Undefined) s.Int64(1, (long)t.ElementType);
        if (t.Shape is null) return;
        s.Message(2, shape =>
        {
            foreach (var d in t.Shape.Dims)
            {
                shape.Message(1, dim =>
                {
                    if (d.IsKnown) dim.Int64(1, d.Value);
                    else if (d.IsSymbolic) dim.String(2, d.ToString());
                });
            }
        });
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Reads ValueInfoProto, TypeProto and TensorShapeProto.</summary>
internal static class TypeProtoReader
{
    /// <summary>ValueInfoProto: name 1, type 2.</summary>
    public static ValueInfo ReadValueInfo(ReadContext c, int field, int wt, int depth)
    {
        var r = c.R;
        long old = c.Begin("GraphProto", field, wt);
        string name = "";
        var type = TensorType.Unknown;
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: name = c.String("ValueInfoProto", f, w); break;
                case 2: type = ReadType(c, f, w, depth, name); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new ValueInfo(name, type);
    }

    /// <summary>TypeProto: tensor_type 1, sequence_type 4, map_type 5, sparse_tensor_type 8, optional_type 9.</summary>
    public static TensorType ReadType(ReadContext c, int field, int wt, int depth, string valueName)
    {
        c.Enter(depth, "types");
        var r = c.R;
        long old = c.Begin("TypeProto", field, wt);
        var result = TensorType.Unknown;
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: result = ReadTensorType(c, f, w, valueName, ValueKind.Tensor); break;
                case 8: result = ReadTensorType(c, f, w, valueName, ValueKind.SparseTensor); break;
                case 4: result = TensorType.SequenceOf(ReadElement(c, f, w, 1, depth, valueName)); break;
                case 9: result = TensorType.OptionalOf(ReadElement(c, f, w, 1, depth, valueName)); break;
                case 5:
                    var value = ReadElement(c, f, w, 2, depth, valueName);
                    result = new TensorType(value.ElementType, null, ValueKind.Map, value);
                    break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return result;
    }

    /// <summary>Sequence/Optional (elem_type 1) and Map (value_type 2): the nested TypeProto.</summary>
    private static TensorType ReadElement(ReadContext c, int field, int wt, int elementField, int depth, string valueName)
    {
        var r = c.R;
        long old = c.Begin("TypeProto", field, wt);
        var element = TensorType.Unknown;
        while (r.TryReadTag(out int f, out int w))
        {
            if (f == elementField) element = ReadType(c, f, w, depth + 1, valueName);
            else r.SkipField(w);
        }
        r.PopMessage(old);
        return element;
    }

    /// <summary>TypeProto.Tensor / SparseTensor: elem_type 1, shape 2.</summary>
    private static TensorType ReadTensorType(ReadContext c, int field, int wt, string valueName, ValueKind kind)
    {
        var r = c.R;
        long old = c.Begin("TypeProto.Tensor", field, wt);
        var elem = DataType.Undefined;
        Shape? shape = null;
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: elem = (DataType)(int)c.Varint("TypeProto.Tensor", f, w); break;
                case 2: shape = ReadShape(c, f, w, valueName); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new TensorType(elem, shape, kind);
    }

    /// <summary>TensorShapeProto: repeated Dimension 1 (dim_value 1, dim_param 2).</summary>
    private static Shape ReadShape(ReadContext c, int field, int wt, string valueName)
    {
        var r = c.R;
        long old = c.Begin("TensorShapeProto", field, wt);
        var dims = new List<Dim>();
        while (r.TryReadTag(out int f, out int w))
        {
            if (f != 1) { r.SkipField(w); continue; }
            long dimOld = c.Begin("TensorShapeProto", f, w);
            long? value = null;
            string param = "";
            while (r.TryReadTag(out int df, out int dw))
            {
                switch (df)
                {
                    case 1: value = c.Varint("Dimension", df, dw); break;
                    case 2: param = c.String("Dimension", df, dw); break;
                    default: r.SkipField(dw); break;
                }
            }
            r.PopMessage(dimOld);
            if (value is { } v)
            {
                if (v >= 0) dims.Add(Dim.Of(v));
                else
                {
                    c.NegativeDims++;
                    c.FirstNegativeDim ??= valueName;
                    dims.Add(Dim.Unknown);
                }
            }
            else dims.Add(param.Length > 0 ? Dim.Symbol(param) : Dim.Unknown);
        }
        r.PopMessage(old);
        return new Shape(dims);
    }
}

using Google.Protobuf;

namespace ModelMeter.Tests.Onnx;

/// <summary>A tiny protobuf message builder for hand-made (and deliberately odd) test files.</summary>
internal sealed class Pb
{
    private readonly MemoryStream _ms = new();
    private readonly CodedOutputStream _o;

    public Pb() => _o = new CodedOutputStream(_ms, leaveOpen: true);

    public Pb Varint(int field, long value) { _o.WriteTag(field, WireFormat.WireType.Varint); _o.WriteInt64(value); return this; }
    public Pb Float(int field, float value) { _o.WriteTag(field, WireFormat.WireType.Fixed32); _o.WriteFloat(value); return this; }
    public Pb Double(int field, double value) { _o.WriteTag(field, WireFormat.WireType.Fixed64); _o.WriteDouble(value); return this; }
    public Pb Str(int field, string value) { _o.WriteTag(field, WireFormat.WireType.LengthDelimited); _o.WriteString(value); return this; }
    public Pb Bytes(int field, byte[] value) { _o.WriteTag(field, WireFormat.WireType.LengthDelimited); _o.WriteBytes(ByteString.CopyFrom(value)); return this; }
    public Pb Msg(int field, Pb inner) => Bytes(field, inner.ToArray());

    public Pb PackedVarints(int field, params long[] values)
    {
        var inner = new MemoryStream();
        var o = new CodedOutputStream(inner);
        foreach (var v in values) o.WriteInt64(v);
        o.Flush();
        return Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() { _o.Flush(); return _ms.ToArray(); }

    /// <summary>A model around a graph: ir_version 8, opset 17.</summary>
    public static byte[] Model(Pb graph) => new Pb().Varint(1, 8).Msg(7, graph).Msg(8, new Pb().Varint(2, 17)).ToArray();

    /// <summary>A float tensor type with known dims.</summary>
    public static Pb FloatType(params long[] dims)
    {
        var shape = new Pb();
        foreach (var d in dims) shape.Msg(1, new Pb().Varint(1, d));
        return new Pb().Msg(1, new Pb().Varint(1, 1).Msg(2, shape));
    }
}

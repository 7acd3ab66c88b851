using Google.Protobuf;

namespace ModelMeter.Tests;

/// <summary>A tiny protobuf message builder for hand-made (and deliberately odd or hostile) test files (field numbers from onnx.proto3).</summary>
internal sealed class Pb
{
    private readonly MemoryStream _ms = new();
    private readonly CodedOutputStream _o;

    public Pb() => _o = new CodedOutputStream(_ms, leaveOpen: true);

    public Pb Varint(int field, long value) { _o.WriteTag(field, WireFormat.WireType.Varint); _o.WriteInt64(value); return this; }
    public Pb Int(int field, long value) => Varint(field, value);
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
}

using Google.Protobuf;

namespace ModelMeter.Onnx;

/// <summary>
/// Where the ONNX writer sends fields: <see cref="CountingSink"/> measures a message (to write its length prefix),
/// <see cref="StreamSink"/> writes it with <see cref="CodedOutputStream"/>. One writing routine serves both.
/// </summary>
internal abstract class ProtoSink
{
    public abstract void Varint(int field, ulong value);

    public void Int64(int field, long value) => Varint(field, (ulong)value);

    public abstract void Fixed32(int field, uint value);

    public abstract void String(int field, string value);

    public abstract void Bytes(int field, byte[] value);

    /// <summary>An embedded message whose fields <paramref name="body"/> writes.</summary>
    public abstract void Message(int field, Action<ProtoSink> body);

    /// <summary>A length-delimited field of <paramref name="length"/> bytes that <paramref name="copy"/> writes to the raw output.</summary>
    public abstract void Blob(int field, long length, Action<Stream> copy);

    public abstract void PackedInt64(int field, IReadOnlyList<long> values);

    public abstract void PackedFloat(int field, IReadOnlyList<float> values);

    protected static long PackedInt64Size(IReadOnlyList<long> values)
    {
        long n = 0;
        foreach (var v in values) n += CodedOutputStream.ComputeInt64Size(v);
        return n;
    }
}

/// <summary>Counts the bytes a message would take.</summary>
internal sealed class CountingSink : ProtoSink
{
    public long Count { get; private set; }

    private static int Tag(int field) => CodedOutputStream.ComputeTagSize(field);

    private void Delimited(int field, long length) => Count += Tag(field) + CodedOutputStream.ComputeUInt64Size((ulong)length) + length;

    public override void Varint(int field, ulong value) => Count += Tag(field) + CodedOutputStream.ComputeUInt64Size(value);

    public override void Fixed32(int field, uint value) => Count += Tag(field) + 4;

    public override void String(int field, string value) => Delimited(field, System.Text.Encoding.UTF8.GetByteCount(value));

    public override void Bytes(int field, byte[] value) => Delimited(field, value.Length);

    public override void Message(int field, Action<ProtoSink> body)
    {
        long before = Count;
        body(this);
        long length = Count - before;
        Count += Tag(field) + CodedOutputStream.ComputeUInt64Size((ulong)length);
    }

    public override void Blob(int field, long length, Action<Stream> copy) => Delimited(field, length);

    public override void PackedInt64(int field, IReadOnlyList<long> values)
    {
        if (values.Count > 0) Delimited(field, PackedInt64Size(values));
    }

    public override void PackedFloat(int field, IReadOnlyList<float> values)
    {
        if (values.Count > 0) Delimited(field, 4L * values.Count);
    }
}

/// <summary>Writes fields to a stream.</summary>
internal sealed class StreamSink(Stream output) : ProtoSink
{
    private readonly CodedOutputStream _o = new(output, leaveOpen: true);

    private void Tag(int field, WireFormat.WireType type) => _o.WriteTag(field, type);

    public override void Varint(int field, ulong value)
    {
        Tag(field, WireFormat.WireType.Varint);
        _o.WriteUInt64(value);
    }

    public override void Fixed32(int field, uint value)
    {
        Tag(field, WireFormat.WireType.Fixed32);
        _o.WriteFixed32(value);
    }

    public override void String(int field, string value)
    {
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteString(value);
    }

    public override void Bytes(int field, byte[] value)
    {
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }

    public override void Message(int field, Action<ProtoSink> body)
    {
        var counter = new CountingSink();
        body(counter);
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteUInt64((ulong)counter.Count);
        body(this);
    }

    public override void Blob(int field, long length, Action<Stream> copy)
    {
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteUInt64((ulong)length);
        _o.Flush();
        long before = output.CanSeek ? output.Position : -1;
        copy(output);
        if (before >= 0 && output.Position - before != length)
            throw new InvalidDataException($"tensor payload wrote {output.Position - before} bytes instead of {length}");
    }

    public override void PackedInt64(int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0) return;
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteUInt64((ulong)PackedInt64Size(values));
        foreach (var v in values) _o.WriteInt64(v);
    }

    public override void PackedFloat(int field, IReadOnlyList<float> values)
    {
        if (values.Count == 0) return;
        Tag(field, WireFormat.WireType.LengthDelimited);
        _o.WriteUInt64(4UL * (ulong)values.Count);
        foreach (var v in values) _o.WriteFloat(v);
    }

    public void Flush() => _o.Flush();
}

using System.Buffers.Binary;
using Google.Protobuf;

namespace ModelMeter.Graphs;

/// <summary>
/// A constant tensor (initializer, Constant attribute): dims and element type are always known;
/// the payload is only located (<see cref="Source"/>, <see cref="Offset"/>, <see cref="Length"/>) and read on demand.
/// </summary>
public sealed class TensorData
{
    /// <summary>Tensor name (may be empty for attribute tensors).</summary>
    public required string Name { get; init; }

    /// <summary>Element type.</summary>
    public required DataType DataType { get; init; }

    /// <summary>Dimensions.</summary>
    public required long[] Dims { get; init; }

    /// <summary>How the payload is encoded.</summary>
    public TensorEncoding Encoding { get; init; }

    /// <summary>Where the payload is read from (null when there is none, or the external file is missing).</summary>
    public ITensorSource? Source { get; init; }

    /// <summary>Payload offset in <see cref="Source"/>.</summary>
    public long Offset { get; init; }

    /// <summary>Payload length in bytes in <see cref="Source"/>.</summary>
    public long Length { get; init; }

    /// <summary>True when the tensor's data lives in an external file (ONNX <c>data_location = EXTERNAL</c>).</summary>
    public bool IsExternal { get; init; }

    /// <summary>The external data file name as written in the model (only when external).</summary>
    public string? ExternalLocation { get; init; }

    /// <summary>Values held in memory (encoding <see cref="TensorEncoding.Decoded"/>), e.g. from the zoo builder.</summary>
    public double[]? InlineValues { get; init; }

    /// <summary>Raw little-endian bytes held in memory (encoding Raw without a source), e.g. from the zoo builder.</summary>
    public byte[]? InlineBytes { get; init; }

    /// <summary>Number of elements (checked product of dims; throws <see cref="OverflowException"/> on overflow).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dims) n = checked(n * d);
            return n;
        }
    }

    /// <summary>Bytes the tensor occupies at its element type.</summary>
    public long ByteSize => DataTypes.Bytes(DataType, ElementCount);

    /// <summary>The tensor type.</summary>
    public TensorType Type => _type ??= TensorType.Of(DataType, Shape.Of(Dims));

    private TensorType? _type; // made once: the properties are set only when the tensor is created

    /// <summary>True when the values can be read.</summary>
    public bool HasPayload => Encoding == TensorEncoding.Decoded ? InlineValues is not null
        : InlineBytes is not null || (Source is not null && Encoding != TensorEncoding.None);

    /// <summary>Reads the payload bytes as stored (throws when there is none).</summary>
    public byte[] ReadPayload()
    {
        if (InlineBytes is not null) return InlineBytes;
        if (Source is null || Encoding == TensorEncoding.None) throw new InvalidDataException($"tensor '{Name}' has no data");
        if (Length > int.MaxValue) throw new InvalidDataException($"tensor '{Name}' is larger than 2 GB");
        return Source.Read(Offset, (int)Length);
    }

    /// <summary>Decodes the values as integers when the tensor has at most <paramref name="maxElements"/> elements; else null.</summary>
    public long[]? TryReadInt64(int maxElements = 1 << 16)
    {
        var d = TryReadDoubles(maxElements, asInteger: true, out var ints);
        return d is null ? null : ints;
    }

    /// <summary>Decodes the values as doubles when the tensor has at most <paramref name="maxElements"/> elements; else null.</summary>
    public double[]? TryReadDoubles(int maxElements = 1 << 16) => TryReadDoubles(maxElements, false, out _);

    private double[]? TryReadDoubles(int maxElements, bool asInteger, out long[] ints)
    {
        ints = [];
        long n;
        try { n = ElementCount; } catch (OverflowException) { return null; }
        if (n > maxElements || !HasPayload) return null;
        if (Encoding == TensorEncoding.Decoded)
        {
            if (InlineValues!.Length != n) return null;
            ints = InlineValues.Select(v => (long)v).ToArray();
            return InlineValues;
        }
        var bytes = ReadPayload();
        var count = (int)n;
        var l = new long[count];
        var f = new double[count];
        try
        {
            switch (Encoding)
            {
                case TensorEncoding.Raw: DecodeRaw(bytes, count, l, f); break;
                case TensorEncoding.VarintInt32:
                case TensorEncoding.VarintInt64:
                case TensorEncoding.VarintUInt64: DecodeVarints(bytes, count, l, f); break;
                case TensorEncoding.Fixed32Float:
                    for (int i = 0; i < count; i++) { f[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)); l[i] = (long)f[i]; }
                    break;
                case TensorEncoding.Fixed64Double:
                    for (int i = 0; i < count; i++) { f[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)); l[i] = (long)f[i]; }
                    break;
                default: return null;
            }
        }
        catch (ArgumentOutOfRangeException) { return null; }
        catch (InvalidProtocolBufferException) { return null; }
        ints = l;
        return f;
    }

    private void DecodeVarints(byte[] bytes, int count, long[] l, double[] f)
    {
        var s = new CodedInputStream(bytes);
        for (int i = 0; i < count; i++)
        {
            long v = Encoding == TensorEncoding.VarintUInt64 ? (long)s.ReadUInt64() : s.ReadInt64();
            l[i] = v;
            f[i] = DataType switch
            {
                DataType.Float16 => (double)BitConverter.Int16BitsToHalf((short)v),
                DataType.BFloat16 => BitConverter.Int32BitsToSingle((int)(v << 16)),
                _ => v,
            };
            if (DataType is DataType.Float16 or DataType.BFloat16) l[i] = (long)f[i];
        }
    }

    private void DecodeRaw(byte[] b, int count, long[] l, double[] f)
    {
        var span = b.AsSpan();
        for (int i = 0; i < count; i++)
        {
            double v = DataType switch
            {
                DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]),
                DataType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(span[(i * 8)..]),
                DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]),
                DataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]),
                DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(span[(i * 2)..]),
                DataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..]),
                DataType.Int8 => (sbyte)span[i],
                DataType.UInt8 or DataType.Bool => span[i],
                DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]),
                DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(span[(i * 8)..]),
                DataType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(span[(i * 2)..]),
                DataType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..]) << 16),
                _ => throw new ArgumentOutOfRangeException(nameof(b)),
            };
            f[i] = v;
            l[i] = DataType == DataType.UInt64 ? (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(i * 8)..]) :
                   DataType == DataType.Int64 ? BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]) : (long)v;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}";
}

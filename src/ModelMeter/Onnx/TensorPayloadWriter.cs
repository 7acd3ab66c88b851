using System.Buffers.Binary;
using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Writes a tensor's payload: inline bytes, decoded values, bytes from its source, an external reference, or zeros.</summary>
internal static class TensorPayloadWriter
{
    public static void Write(ProtoSink s, TensorData t, OnnxWriteOptions options)
    {
        if (t.InlineBytes is { } bytes) { s.Bytes(9, bytes); return; }
        if (t.Encoding == TensorEncoding.Decoded && t.InlineValues is { } values) { s.Bytes(9, Encode(t, values)); return; }
        bool readable = t.Source is not null && t.Encoding is not (TensorEncoding.None or TensorEncoding.Decoded);
        if (t.IsExternal && !(options.EmbedExternalData && readable) && !(options.FillMissingWeights && !readable))
        {
            s.Message(13, e => { e.String(1, "location"); e.String(2, t.ExternalLocation ?? ""); });
            if (t.Offset != 0) s.Message(13, e => { e.String(1, "offset"); e.String(2, t.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
            s.Message(13, e => { e.String(1, "length"); e.String(2, t.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
            s.Int64(14, 1);
            return;
        }
        if (readable)
        {
            int field = t.Encoding switch
            {
                TensorEncoding.Fixed32Float => 4,
                TensorEncoding.VarintInt32 => 5,
                TensorEncoding.VarintInt64 => 7,
                TensorEncoding.Fixed64Double => 10,
                TensorEncoding.VarintUInt64 => 11,
                _ => 9,
            };
            s.Blob(field, t.Length, output => Copy(t, output));
            return;
        }
        if (options.FillMissingWeights && t.DataType != DataType.String)
        {
            long size;
            try { size = t.ByteSize; } catch (OverflowException) { return; }
            s.Blob(9, size, output => Zeros(output, size));
        }
    }

    private static void Copy(TensorData t, Stream output)
    {
        if (t.Source is FileTensorSource file) { file.CopyTo(output, t.Offset, t.Length); return; }
        const int Chunk = 1 << 20;
        for (long done = 0; done < t.Length; done += Chunk)
            output.Write(t.Source!.Read(t.Offset + done, (int)Math.Min(Chunk, t.Length - done)));
    }

    private static void Zeros(Stream output, long size)
    {
        var zeros = new byte[(int)Math.Min(size, 1 << 20)];
        for (long done = 0; done < size; done += zeros.Length)
            output.Write(zeros, 0, (int)Math.Min(zeros.Length, size - done));
    }

    /// <summary>Encodes decoded values as little-endian raw_data of the tensor's element type.</summary>
    internal static byte[] Encode(TensorData t, double[] values)
    {
        var type = t.DataType;
        if (type is DataType.Int4 or DataType.UInt4)
        {
            var packed = new byte[(values.Length + 1) / 2];
            for (int i = 0; i < values.Length; i++)
                packed[i / 2] |= (byte)(((int)values[i] & 0xF) << (i % 2 * 4));
            return packed;
        }
        int bits = DataTypes.Bits(type);
        if (type is DataType.String or DataType.Complex64 or DataType.Complex128 or DataType.Float4E2M1
            or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ
            || !Enum.IsDefined(type) || type == DataType.Undefined)
            throw new NotSupportedException($"tensor '{t.Name}': cannot write decoded values as {DataTypes.Name(type)}");
        int size = bits / 8;
        var b = new byte[checked(values.Length * size)];
        var span = b.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var d = span[(i * size)..];
            switch (type)
            {
                case DataType.Float: BinaryPrimitives.WriteSingleLittleEndian(d, (float)v); break;
                case DataType.Double: BinaryPrimitives.WriteDoubleLittleEndian(d, v); break;
                case DataType.Float16: BinaryPrimitives.WriteHalfLittleEndian(d, (Half)v); break;
                case DataType.BFloat16: BinaryPrimitives.WriteUInt16LittleEndian(d, ToBFloat16((float)v)); break;
                case DataType.Int8: d[0] = (byte)(sbyte)v; break;
                case DataType.UInt8 or DataType.Bool: d[0] = (byte)v; break;
                case DataType.Int16: BinaryPrimitives.WriteInt16LittleEndian(d, (short)v); break;
                case DataType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(d, (ushort)v); break;
                case DataType.Int32: BinaryPrimitives.WriteInt32LittleEndian(d, (int)v); break;
                case DataType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(d, (uint)v); break;
                case DataType.Int64: BinaryPrimitives.WriteInt64LittleEndian(d, (long)v); break;
                case DataType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(d, (ulong)v); break;
            }
        }
        return b;
    }

    private static ushort ToBFloat16(float f)
    {
        if (float.IsNaN(f)) return 0x7FC0;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        bits += 0x7FFF + ((bits >> 16) & 1);
        return (ushort)(bits >> 16);
    }
}

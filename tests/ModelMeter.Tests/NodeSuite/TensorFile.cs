using Google.Protobuf;

namespace ModelMeter.Tests.NodeSuite;

/// <summary>
/// Reads the dims of a serialized ONNX TensorProto (dims = field 1, data_type = field 2), or of the tensors inside a
/// SequenceProto (tensor_values = field 3) / OptionalProto (tensor_value = field 3). Payloads are skipped.
/// </summary>
internal static class TensorFile
{
    /// <summary>Dims of a TensorProto file.</summary>
    public static long[] ReadDims(string path) => ReadTensorDims(File.ReadAllBytes(path));

    /// <summary>Dims of each tensor of a SequenceProto / OptionalProto file (field 3), or null if it holds none.</summary>
    public static List<long[]> ReadContainerDims(string path)
    {
        var list = new List<long[]>();
        var s = new CodedInputStream(File.ReadAllBytes(path));
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                list.Add(ReadTensorDims(s.ReadBytes().ToByteArray()));
            else s.SkipLastField();
        }
        return list;
    }

    private static long[] ReadTensorDims(byte[] bytes)
    {
        var dims = new List<long>();
        var s = new CodedInputStream(bytes);
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 1) { s.SkipLastField(); continue; }
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                int len = s.ReadLength();
                var end = s.Position + len;
                while (s.Position < end) dims.Add(s.ReadInt64());
            }
            else dims.Add(s.ReadInt64());
        }
        return dims.ToArray();
    }

    /// <summary>Element type code and values (as doubles) of a small numeric TensorProto file, or null when it has more than <paramref name="max"/> elements.</summary>
    public static (int DataType, long[] Dims, double[] Values)? ReadValues(string path, int max)
    {
        var s = new CodedInputStream(File.ReadAllBytes(path));
        var dims = new List<long>();
        var vals = new List<double>();
        int dt = 0;
        byte[]? raw = null;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            bool packed = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            switch (field)
            {
                case 1: ReadRepeated(s, packed, () => dims.Add(s.ReadInt64())); break;
                case 2: dt = s.ReadInt32(); break;
                case 4: ReadRepeated(s, packed, () => vals.Add(s.ReadFloat())); break;
                case 5: ReadRepeated(s, packed, () => vals.Add(s.ReadInt32())); break;
                case 7: ReadRepeated(s, packed, () => vals.Add(s.ReadInt64())); break;
                case 9: raw = s.ReadBytes().ToByteArray(); break;
                case 10: ReadRepeated(s, packed, () => vals.Add(s.ReadDouble())); break;
                case 11: ReadRepeated(s, packed, () => vals.Add(s.ReadUInt64())); break;
                default: s.SkipLastField(); break;
            }
        }
        long n = dims.Aggregate(1L, (a, b) => a * b);
        if (n > max) return null;
        if (raw is not null)
        {
            vals.Clear();
            int size = dt switch { 1 or 6 or 12 => 4, 7 or 11 or 13 => 8, 2 or 3 or 9 => 1, 4 or 5 or 10 or 16 => 2, _ => 0 };
            if (size == 0 || raw.Length < n * size) return null;
            for (int i = 0; i < n; i++)
            {
                var b = raw.AsSpan(i * size);
                vals.Add(dt switch
                {
                    1 => BitConverter.ToSingle(b),
                    6 => BitConverter.ToInt32(b),
                    12 => BitConverter.ToUInt32(b),
                    7 => BitConverter.ToInt64(b),
                    11 => BitConverter.ToDouble(b),
                    13 => BitConverter.ToUInt64(b),
                    2 or 9 => b[0],
                    3 => (sbyte)b[0],
                    4 => BitConverter.ToUInt16(b),
                    5 => BitConverter.ToInt16(b),
                    10 => (double)BitConverter.ToHalf(b),
                    _ => BitConverter.Int32BitsToSingle(BitConverter.ToUInt16(b) << 16),
                });
            }
        }
        else if (dt is 10 or 16)
        {
            for (int i = 0; i < vals.Count; i++)
                vals[i] = dt == 10 ? (double)BitConverter.Int16BitsToHalf((short)(int)vals[i]) : BitConverter.Int32BitsToSingle((int)vals[i] << 16);
        }
        if (vals.Count != n) return null;
        return (dt, dims.ToArray(), vals.ToArray());
    }

    private static void ReadRepeated(CodedInputStream s, bool packed, Action read)
    {
        if (!packed) { read(); return; }
        int len = s.ReadLength();
        var end = s.Position + len;
        while (s.Position < end) read();
    }
}

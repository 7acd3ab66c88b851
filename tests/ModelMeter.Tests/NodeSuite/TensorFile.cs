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
}

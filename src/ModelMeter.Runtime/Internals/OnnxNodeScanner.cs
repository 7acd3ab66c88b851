using Google.Protobuf;

namespace ModelMeter.Runtime.Internals;

/// <summary>Lists the (name, op_type) of the main-graph nodes of an ONNX file without decoding anything else
/// (ModelProto.graph = 7, GraphProto.node = 1, NodeProto.name = 3, NodeProto.op_type = 4).</summary>
static class OnnxNodeScanner
{
    public static List<(string Name, string OpType)> Scan(string path)
    {
        using var f = File.OpenRead(path);
        var input = new CodedInputStream(f);
        var result = new List<(string, string)>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == MakeTag(7))
            {
                var graph = input.ReadBytes();
                ScanGraph(graph, result);
            }
            else input.SkipLastField();
        }
        return result;
    }

    static void ScanGraph(ByteString graph, List<(string, string)> result)
    {
        var g = new CodedInputStream(graph.ToByteArray());
        uint tag;
        while ((tag = g.ReadTag()) != 0)
        {
            if (tag == MakeTag(1))
            {
                var n = new CodedInputStream(g.ReadBytes().ToByteArray());
                string name = "", op = "";
                uint t;
                while ((t = n.ReadTag()) != 0)
                {
                    if (t == MakeTag(3)) name = n.ReadString();
                    else if (t == MakeTag(4)) op = n.ReadString();
                    else n.SkipLastField();
                }
                result.Add((name, op));
            }
            else g.SkipLastField();
        }
    }

    static uint MakeTag(int field) => WireFormat.MakeTag(field, WireFormat.WireType.LengthDelimited);
}

using Google.Protobuf;
using static ModelMeter.Tests.Reliability.HostilePb;

namespace ModelMeter.Tests.Reliability;

/// <summary>
/// Writes a model whose graph is a chain of <c>depth</c> nested If nodes (then_branch holds the next level) in
/// O(depth) memory: lengths are computed inside out, then bytes are written outside in.
/// </summary>
internal static class NestedIf
{
    public static byte[] Build(int depth)
    {
        var leaf = Graph("leaf", [Node("Identity", ["x"], ["y0"])], [], [Value("y0", Float32, 1)]).ToArray();
        var elseAttr = new Pb().Msg(5, GraphAttr("else_branch", Graph("e", [], [], []))).ToArray();
        var pre = new byte[depth][];
        var suf = new byte[depth][];
        long len = leaf.Length;
        for (var d = 1; d <= depth; d++)
        {
            var head = new Pb().Str(1, "c").Str(2, "y" + d).Str(3, "if" + d).Str(4, "If").ToArray();
            var attrName = new Pb().Str(1, "then_branch").ToArray();
            var attrType = new Pb().Int(20, 5).ToArray();
            var attrLen = attrName.Length + 1 + Varint(len).Length + len + attrType.Length;
            var nodeLen = head.Length + 1 + Varint(attrLen).Length + attrLen + elseAttr.Length;
            var p = new List<byte> { Tag(1) };
            p.AddRange(Varint(nodeLen)); p.AddRange(head); p.Add(Tag(5)); p.AddRange(Varint(attrLen)); p.AddRange(attrName); p.Add(Tag(6)); p.AddRange(Varint(len));
            var s = new List<byte>(attrType);
            s.AddRange(elseAttr);
            s.AddRange(new Pb().Str(2, "g" + d).Msg(12, Value("y" + d, Float32, 1)).ToArray());
            if (d == depth) s.AddRange(new Pb().Msg(11, Value("c", 9)).Msg(11, Value("x", Float32, 1)).ToArray());
            pre[d - 1] = [.. p];
            suf[d - 1] = [.. s];
            len += pre[d - 1].Length + suf[d - 1].Length;
        }
        var ms = new MemoryStream();
        ms.Write(new Pb().Int(1, 8).Str(2, "nested-if").ToArray());
        ms.WriteByte(Tag(7));
        ms.Write(Varint(len));
        for (var d = depth - 1; d >= 0; d--) ms.Write(pre[d]);
        ms.Write(leaf);
        for (var d = 0; d < depth; d++) ms.Write(suf[d]);
        ms.Write(new Pb().Msg(8, new Pb().Str(1, "").Int(2, 13)).ToArray());
        return ms.ToArray();
    }

    private static byte Tag(int field) => (byte)WireFormat.MakeTag(field, WireFormat.WireType.LengthDelimited);

    private static byte[] Varint(long v)
    {
        var b = new List<byte>();
        var u = (ulong)v;
        do { var x = (byte)(u & 0x7F); u >>= 7; b.Add(u != 0 ? (byte)(x | 0x80) : x); } while (u != 0);
        return [.. b];
    }
}

namespace ModelMeter.Tests.Onnx;

/// <summary>ONNX messages for the reader tests, built with <see cref="Pb"/>.</summary>
internal static class OnnxPb
{
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

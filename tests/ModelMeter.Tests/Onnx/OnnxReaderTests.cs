using ModelMeter.Graphs;
using ModelMeter.Onnx;
using Xunit;

namespace ModelMeter.Tests.Onnx;

public sealed class OnnxReaderTests
{
    private static Pb Node(string op, string name = "", params string[] inputs)
    {
        var n = new Pb();
        foreach (var i in inputs) n.Str(1, i);
        n.Str(2, op + "_out_" + name);
        if (name.Length > 0) n.Str(3, name);
        return n.Str(4, op);
    }

    [Fact]
    public void Unnamed_nodes_get_unique_names_and_value_names_are_verbatim()
    {
        var graph = new Pb()
            .Msg(1, Node("Relu", "", " x y "))
            .Msg(1, Node("Relu", "Relu_1"))
            .Msg(1, Node("Relu", "", "a"))
            .Msg(1, Node("Add", "dup"))
            .Msg(1, Node("Add", "dup"));
        var m = OnnxReader.Read(OnnxPb.Model(graph), "names.onnx");
        var names = m.Graph.Nodes.Select(n => n.Name).ToArray();
        Assert.Equal(["Relu_0", "Relu_1", "Relu_2", "dup", "dup_1"], names);
        Assert.Equal(" x y ", m.Graph.Nodes[0].Inputs[0]);
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void Unpacked_and_packed_tensor_fields_decode()
    {
        var unpackedFloats = new Pb().Varint(1, 3).Varint(2, 1).Str(8, "f").Float(4, 1.5f).Float(4, -2f).Float(4, 3f);
        var unpackedInts = new Pb().Varint(1, 2).Varint(2, 7).Str(8, "i64").Varint(7, -5).Varint(7, 1L << 40);
        var packedInt32 = new Pb().Varint(1, 3).Varint(2, 6).Str(8, "i32").PackedVarints(5, -1, 0, 7);
        var fp16Bits = new Pb().Varint(1, 2).Varint(2, 10).Str(8, "h").Varint(5, BitConverter.HalfToInt16Bits((Half)0.5)).Varint(5, BitConverter.HalfToInt16Bits((Half)(-3)));
        var doubles = new Pb().Varint(1, 2).Varint(2, 11).Str(8, "d").Double(10, 0.25).Double(10, 1e300);
        var unpackedDims = new Pb().Varint(1, 2).Varint(1, 5).Varint(2, 1).Str(8, "dims");
        var graph = new Pb().Msg(5, unpackedFloats).Msg(5, unpackedInts).Msg(5, packedInt32).Msg(5, fp16Bits).Msg(5, doubles).Msg(5, unpackedDims);
        var m = OnnxReader.Read(OnnxPb.Model(graph), "data.onnx");
        var inits = m.Graph.Initializers;
        Assert.Equal([1.5, -2, 3], inits["f"].TryReadDoubles()!);
        Assert.Equal(TensorEncoding.Decoded, inits["f"].Encoding);
        Assert.Equal([-5L, 1L << 40], inits["i64"].TryReadInt64()!);
        Assert.Equal(TensorEncoding.VarintInt32, inits["i32"].Encoding);
        Assert.Equal([-1L, 0, 7], inits["i32"].TryReadInt64()!);
        Assert.Equal([0.5, -3], inits["h"].TryReadDoubles()!);
        Assert.Equal([0.25, 1e300], inits["d"].TryReadDoubles()!);
        Assert.Equal([2L, 5], inits["dims"].Dims);
    }

    [Fact]
    public void Dims_value_param_neither_and_negative()
    {
        var shape = new Pb().Msg(1, new Pb().Varint(1, 3)).Msg(1, new Pb().Str(2, "batch")).Msg(1, new Pb()).Msg(1, new Pb().Varint(1, -1));
        var type = new Pb().Msg(1, new Pb().Varint(1, 1).Msg(2, shape));
        var graph = new Pb().Msg(11, new Pb().Str(1, "x").Msg(2, type)).Msg(12, new Pb().Str(1, "noshape").Msg(2, new Pb().Msg(1, new Pb().Varint(1, 1))));
        var m = OnnxReader.Read(OnnxPb.Model(graph), "dims.onnx");
        var dims = m.Graph.Inputs[0].Type.Shape!.Dims;
        Assert.Equal(Dim.Of(3), dims[0]);
        Assert.Equal(Dim.Symbol("batch"), dims[1]);
        Assert.True(dims[2].IsUnknown);
        Assert.True(dims[3].IsUnknown);
        Assert.Contains(m.ReadWarnings, w => w.Contains("negative dim_value", StringComparison.Ordinal));
        Assert.Null(m.Graph.Outputs[0].Type.Shape);
        Assert.Equal(DataType.Float, m.Graph.Outputs[0].Type.ElementType);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        var graph = new Pb().Varint(99, 5).Str(98, "x").Double(97, 1).Float(96, 2).Msg(1, Node("Relu", "r").Varint(77, 1));
        var bytes = new Pb().Varint(1, 8).Str(50, "junk").Msg(7, graph).Msg(20, new Pb().Varint(1, 1)).ToArray();
        var m = OnnxReader.Read(bytes, "unknown.onnx");
        Assert.Equal("r", Assert.Single(m.Graph.Nodes).Name);
    }

    [Fact]
    public void Overflowing_tensor_dims_are_stored()
    {
        var t = new Pb().Varint(1, long.MaxValue).Varint(1, 4).Varint(2, 1).Str(8, "huge");
        var m = OnnxReader.Read(OnnxPb.Model(new Pb().Msg(5, t)), "huge.onnx");
        var huge = m.Graph.Initializers["huge"];
        Assert.Throws<OverflowException>(() => huge.ElementCount);
    }

    [Fact]
    public void Missing_file_empty_file_and_folder_are_bad_models()
    {
        using var dir = new TempDir();
        AssertBad(() => OnnxReader.Read(dir.File("nope.onnx")), "file not found");
        File.WriteAllBytes(dir.File("empty.onnx"), []);
        AssertBad(() => OnnxReader.Read(dir.File("empty.onnx")), "empty");
        AssertBad(() => OnnxReader.Read(dir.Path), "folder");
    }

    [Fact]
    public void Valid_protobuf_that_is_not_a_model()
    {
        AssertBad(() => OnnxReader.Read(new Pb().Varint(1, 8).Str(2, "x").ToArray(), "nograph.onnx"), "no graph");
        AssertBad(() => OnnxReader.Read(new Pb().Varint(7, 3).ToArray(), "wt.onnx"), "wire type");
        AssertBad(() => OnnxReader.Read(new Pb().Str(1, "ir as string").ToArray(), "wt2.onnx"), "wire type");
        AssertBad(() => OnnxReader.Read("hello, this is a text file"u8.ToArray(), "text.onnx"), "text.onnx: ");
    }

    [Fact]
    public void Declared_length_past_the_end_is_an_error_not_an_allocation()
    {
        // graph field declaring 2 GB
        byte[] bytes = [0x08, 0x08, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00];
        var ex = AssertBad(() => OnnxReader.Read(bytes, "len.onnx"), "truncated");
        Assert.Contains("len.onnx", ex.Message, StringComparison.Ordinal);
    }

    internal static ModelMeterException AssertBad(Func<Model> read, string contains)
    {
        var ex = Assert.Throws<ModelMeterException>(() => read());
        Assert.Equal(ErrorKind.BadModel, ex.Kind);
        Assert.Contains(contains, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }
}

using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// Bytes read and written per node (docs/counting.md, "What is counted per node"): each distinct input and every
/// output by its own element type; int4/uint4 packed two per byte rounded up, bool and fp8 one byte, strings 8 bytes;
/// Shape/Size and shape-like inputs (Reshape's shape) are metadata.
/// </summary>
public class ByteCountTests
{
    [Theory]
    // Relu over [3,5] = 15 elements: float16 and bfloat16 2 bytes each → 30; float 4 → 60; double 8 → 120
    [InlineData(DataType.Float16, 30)]
    [InlineData(DataType.BFloat16, 30)]
    [InlineData(DataType.Float, 60)]
    [InlineData(DataType.Double, 120)]
    public void Float_types_read_and_write_their_element_size(DataType type, long bytes)
    {
        var n = Unary("Relu", [3, 5], type: type);
        Assert.Equal(bytes, n.BytesRead);
        Assert.Equal(bytes, n.BytesWritten);
        Assert.Equal(2 * bytes, n.MemoryAccessBytes);
    }

    [Fact]
    public void Bool_is_one_byte_and_int64_eight()
    {
        var not = Unary("Not", [7], type: DataType.Bool); // 7 bools = 7 bytes in, 7 out
        Assert.Equal(7, not.BytesRead);
        Assert.Equal(7, not.BytesWritten);
        var neg = Unary("Neg", [3], type: DataType.Int64); // 3 × 8 = 24
        Assert.Equal(24, neg.BytesRead);
        Assert.Equal(24, neg.BytesWritten);
    }

    [Theory]
    // packed two per byte, rounded up: 5 → ceil(5/2) = 3; 6 → 3; 7 → 4; 1 → 1
    [InlineData(DataType.Int4, 5, 3)]
    [InlineData(DataType.UInt4, 6, 3)]
    [InlineData(DataType.UInt4, 7, 4)]
    [InlineData(DataType.Int4, 1, 1)]
    // fp8: one byte per element; strings: 8 bytes (a pointer) per element
    [InlineData(DataType.Float8E4M3FN, 10, 10)]
    [InlineData(DataType.Float8E5M2, 3, 3)]
    [InlineData(DataType.String, 3, 24)]
    public void Packed_fp8_and_string_sizes(DataType type, long elements, long bytes)
    {
        var n = Unary("Identity", [elements], type: type);
        Assert.Equal(bytes, n.BytesRead);
        Assert.Equal(bytes, n.BytesWritten);
    }

    [Fact]
    public void Shape_and_Size_read_no_bytes()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3, 4);
        var shape = g.Add("Shape", "shape", ["x"]);
        var size = g.Add("Size", "size", ["x"]);
        g.Out(shape, size);
        var p = g.Analyze();
        Assert.Equal(0, p.Node("shape").BytesRead);
        Assert.Equal(3 * 8, p.Node("shape").BytesWritten); // int64[3]
        Assert.Equal(0, p.Node("size").BytesRead);
        Assert.Equal(8, p.Node("size").BytesWritten); // int64 scalar
    }

    [Fact]
    public void Reshape_shape_input_is_metadata_and_not_a_weight_read()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 3, 4);
        var shape = g.Values("target", DataType.Int64, [2], 6, 4);
        g.Out(g.Add("Reshape", "r", ["x", shape]));
        var n = g.Analyze().Node("r");
        Assert.Equal(24 * 4, n.BytesRead); // x only: 96; the int64[2] target (16 bytes) is metadata
        Assert.Equal(24 * 4, n.BytesWritten);
        // weight bytes are the constants among the bytes read: the metadata input is not read
        Assert.Equal(0, n.WeightBytes);
        Assert.Equal(0, n.Params);
    }

    [Fact]
    public void A_tensor_read_twice_by_one_node_counts_once()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float, 4);
        g.Out(g.Add("Add", "sq", ["x", "x"]));
        var n = g.Analyze().Node("sq");
        Assert.Equal(16, n.BytesRead); // 4 floats once, not 32
        Assert.Equal(16, n.BytesWritten);
    }

    [Fact]
    public void Weights_are_read_bytes_and_weight_bytes()
    {
        var g = new CostGraph();
        g.In("x", DataType.Float16, 2, 8);
        var w = g.Init("w", DataType.Float16, 8, 4);
        g.Out(g.Add("MatMul", "mm", ["x", w]));
        var n = g.Analyze().Node("mm");
        // read: x 16 × 2 + W 32 × 2 = 32 + 64 = 96; written [2,4] fp16 = 16
        Assert.Equal(96, n.BytesRead);
        Assert.Equal(16, n.BytesWritten);
        Assert.Equal(64, n.WeightBytes);
    }
}

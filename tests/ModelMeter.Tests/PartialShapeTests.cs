using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Contrib.ContribHarness;

namespace ModelMeter.Tests;

/// <summary>
/// Ops whose shape-like input is data-dependent (a graph input, not a constant) still give an output of known rank,
/// and an exact shape where the input types force it (ONNX operator spec semantics, worked out by hand).
/// </summary>
public sealed class PartialShapeTests
{
    [Fact]
    public void Squeeze_of_data_dependent_axes_is_exact_when_the_ones_are_forced()
    {
        // [1,3,4,5] with one axis to squeeze: only dim 0 is 1, so it must be the one (as test_squeeze expects [3,4,5])
        Assert.Equal("float32[3,4,5]", Run("Squeeze", "", [F("x", 1, 3, 4, 5), T("axes", DataType.Int64, 1)]).Out());
        // [1,3,1,5]: two dims of 1 for one axis — which one is data-dependent; the rank is 3
        Assert.Equal("float32[?,?,?]", Run("Squeeze", "", [F("x", 1, 3, 1, 5), T("axes", DataType.Int64, 1)]).Out());
    }

    [Fact]
    public void Reduce_without_keepdims_and_data_dependent_axes_drops_as_many_dims_as_axes()
    {
        var r = Run("ReduceSum", "", [F("x", 3, 2, 2), T("axes", DataType.Int64, 1)], 1, A("keepdims", 0L));
        Assert.Equal("float32[?,?]", r.Out());
        Assert.Equal("float32[?,?,?]", Run("ReduceSum", "", [F("x", 3, 2, 2), T("axes", DataType.Int64, 2)]).Out()); // keepdims=1
    }

    [Fact]
    public void MaxUnpool_with_data_dependent_output_shape_keeps_batch_and_channels()
    {
        var r = Run("MaxUnpool", "", [F("x", 1, 2, 2, 2), T("i", DataType.Int64, 1, 2, 2, 2), T("output_shape", DataType.Int64, 4)], 1,
            A("kernel_shape", new long[] { 2, 2 }), A("strides", new long[] { 2, 2 }));
        Assert.Equal("float32[1,2,?,?]", r.Out());
    }
}

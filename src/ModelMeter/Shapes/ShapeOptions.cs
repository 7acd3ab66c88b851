using ModelMeter.Graphs;
using ModelMeter.Ops;

namespace ModelMeter.Shapes;

/// <summary>Options for shape inference.</summary>
/// <param name="Dims">Values for symbolic dimensions (<c>--dim batch=8</c>).</param>
/// <param name="InputShapes">Shapes replacing declared input shapes (<c>--input input=4x3x320x320</c>).</param>
/// <param name="Registry">Op rules to use (null = <see cref="OpRegistry.Default"/>).</param>
public readonly record struct ShapeOptions(
    IReadOnlyDictionary<string, long>? Dims = null,
    IReadOnlyDictionary<string, Shape>? InputShapes = null,
    OpRegistry? Registry = null);

using ModelMeter.Graphs;
using ModelMeter.Ops;
using ModelMeter.Shapes;

namespace ModelMeter.Internals;

/// <summary>Helpers shared by the op rules: attribute-or-input lookups, axis lists, value propagation limits.</summary>
internal static class OpUtil
{
    /// <summary>Largest tensor whose values elementwise rules compute.</summary>
    public const int MaxComputedValues = 4096;

    /// <summary>
    /// An integer list given as attribute <paramref name="attr"/> (older opsets) or as input <paramref name="input"/>
    /// (newer ones). <paramref name="present"/> is false when neither is given; the result is null when an input is
    /// given but its values are not known.
    /// </summary>
    public static long[]? AttrOrInput(OpContext ctx, string attr, int input, out bool present)
    {
        if (ctx.Node.GetInts(attr) is { } ints) { present = true; return ints.ToArray(); }
        if (ctx.Node.Attr(attr) is { } a) { present = true; return [a.I]; }
        if (input >= 0 && ctx.HasInput(input)) { present = true; return ctx.InputValues(input); }
        present = false;
        return null;
    }

    /// <summary>Normalises a list of axes for <paramref name="rank"/>, sorted and distinct.</summary>
    public static int[] Axes(IEnumerable<long> axes, int rank) => axes.Select(a => ShapeMath.Axis(a, rank)).Distinct().Order().ToArray();

    /// <summary>Type with the input's element type and a new shape.</summary>
    public static TensorType Like(OpContext ctx, int input, Shape? shape) => TensorType.Of(ctx.InputElementType(input), shape);

    /// <summary>Output 0 = same type as input 0 (values carried along when <paramref name="keepValues"/>).</summary>
    public static void SameAsInput(OpContext ctx, int output = 0, int input = 0, bool keepValues = false)
    {
        var t = ctx.InputType(input) ?? TensorType.Unknown;
        if (keepValues) ctx.SetOutputDims(output, t, ctx.InputDimValues(input));
        else ctx.SetOutput(output, t);
    }

    /// <summary>Element count of a shape when fully known, else null.</summary>
    public static long? KnownElements(Shape? s)
    {
        if (s is null || !s.IsFullyKnown) return null;
        long n = 1;
        foreach (var d in s.Dims) n = checked(n * d.Value);
        return n;
    }

    /// <summary>Shape from a list of dims.</summary>
    public static Shape ShapeOf(IEnumerable<Dim> dims) => new(dims);

    /// <summary>Dim list of a shape as a mutable list.</summary>
    public static List<Dim> DimList(Shape s) => s.Dims.ToList();

    /// <summary>Row-major strides of known dims.</summary>
    public static long[] Strides(long[] dims)
    {
        var st = new long[dims.Length];
        long acc = 1;
        for (int i = dims.Length - 1; i >= 0; i--) { st[i] = acc; acc = checked(acc * dims[i]); }
        return st;
    }

    /// <summary>Throws the standard "not known" failure for input <paramref name="i"/> values.</summary>
    public static ShapeException ValuesUnknown(OpContext ctx, int i, string what) =>
        new($"{what} (input {i} '{ctx.Node.InputAt(i)}') is not a constant and its values could not be inferred");

    /// <summary>Scalar bool / int extraction from a dim value list.</summary>
    public static long? Scalar(Dim[]? v) => v is { Length: 1 } && v[0].IsKnown ? v[0].Value : null;

    /// <summary>The single value of a one-element tensor as a dim (symbolic where it is), or <see cref="Dim.Unknown"/>.</summary>
    public static Dim ScalarDim(Dim[]? v) => v is { Length: 1 } ? v[0] : Dim.Unknown;

    /// <summary>Data type from an ONNX type code attribute.</summary>
    public static DataType DType(long code) => Enum.IsDefined(typeof(DataType), (int)code) ? (DataType)(int)code : DataType.Undefined;
}

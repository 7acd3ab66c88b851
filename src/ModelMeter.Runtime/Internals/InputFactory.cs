using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMeter.Graphs;

namespace ModelMeter.Runtime.Internals;

/// <summary>Makes session inputs: random data of the right type and shape, integer inputs in a safe range, or .npy data.</summary>
sealed class InputFactory(Graph? graph, IReadOnlyDictionary<string, long> dims, IReadOnlyDictionary<string, long[]>? shapes, Random random)
{
    /// <summary>Shape for an input: the user's <c>--input</c> shape (checked against the declared rank and fixed dims), else fixed dims as
    /// declared and symbolic ones from the resolved dims (see <see cref="InputDims.Resolve"/>); unnamed dynamic dims are 1.</summary>
    public long[] ShapeOf(string name, NodeMetadata meta)
    {
        if (shapes is not null && shapes.TryGetValue(name, out var given))
        {
            CheckShape(meta, given, $"--input {name}={string.Join("x", given)}");
            return given;
        }
        var shape = new long[meta.Dimensions.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (meta.Dimensions[i] > 0) { shape[i] = meta.Dimensions[i]; continue; }
            var sym = i < meta.SymbolicDimensions.Length ? meta.SymbolicDimensions[i] : "";
            shape[i] = !string.IsNullOrEmpty(sym) && dims.TryGetValue(sym, out var v) ? v : 1;
        }
        return shape;
    }

    /// <summary>Throws a usage error (starting with <paramref name="what"/>) when <paramref name="shape"/> does not fit the input's declared shape.</summary>
    public static void CheckShape(NodeMetadata meta, long[] shape, string what)
    {
        var declared = "[" + string.Join(",", meta.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : i < meta.SymbolicDimensions.Length && !string.IsNullOrEmpty(meta.SymbolicDimensions[i]) ? meta.SymbolicDimensions[i] : "?")) + "]";
        var ok = shape.Length == meta.Dimensions.Length;
        for (int i = 0; ok && i < shape.Length; i++) ok = meta.Dimensions[i] <= 0 || meta.Dimensions[i] == shape[i];
        if (!ok) throw ModelMeterException.Usage($"{what}: shape [{string.Join(",", shape)}] does not fit the model input's shape {declared}");
    }

    /// <summary>Exclusive upper bound for an integer input: the size of the axis it indexes when a Gather (or an embedding op)
    /// consumes it with a constant table; null when no consumer tells.</summary>
    public long? IndexBound(string input)
    {
        if (graph is null) return null;
        long? bound = null;
        foreach (var n in graph.Nodes)
        {
            long? b = null;
            if (n.OpType is "Gather" or "GatherElements" && n.InputAt(1) == input && graph.Initializers.TryGetValue(n.InputAt(0), out var data) && data.Dims.Length > 0)
            {
                var axis = (int)n.GetInt("axis", 0);
                if (axis < 0) axis += data.Dims.Length;
                if (axis >= 0 && axis < data.Dims.Length) b = data.Dims[axis];
            }
            else if (n.OpType == "EmbedLayerNormalization")
            {
                var table = n.InputAt(0) == input ? n.InputAt(2) : n.InputAt(1) == input ? n.InputAt(3) : null;
                if (table is not null && graph.Initializers.TryGetValue(table, out var t) && t.Dims.Length > 0) b = t.Dims[0];
            }
            if (b is > 0) bound = bound is null ? b : Math.Min(bound.Value, b.Value);
        }
        return bound;
    }

    /// <summary>
    /// A constant that an <c>Equal</c> node (anywhere, subgraphs included) compares <paramref name="input"/> with: the value a mode switch
    /// expects (Silero VAD's <c>sr</c> is compared with 16000 and 8000; the first comparison in graph order wins). Null when there is none.
    /// </summary>
    public long? ComparedConstant(string input)
    {
        if (graph is null) return null;
        var constants = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var g in Graphs(graph))
        {
            foreach (var (n, t) in g.Initializers)
                if (t.ElementCount == 1 && t.HasPayload && t.TryReadInt64(1) is [var v]) constants.TryAdd(n, v);
            foreach (var node in g.Nodes)
                if (node.OpType == "Constant" && node.Outputs.Count == 1)
                {
                    if (node.Attr("value") is { T: { ElementCount: 1 } t } && t.TryReadInt64(1) is [var v]) constants.TryAdd(node.Outputs[0], v);
                    else if (node.Attr("value_int") is { } a) constants.TryAdd(node.Outputs[0], a.I);
                }
        }
        foreach (var g in Graphs(graph))
            foreach (var node in g.Nodes)
                if (node.OpType == "Equal" && node.Inputs.Count == 2 && node.Inputs.Contains(input))
                {
                    var other = node.InputAt(0) == input ? node.InputAt(1) : node.InputAt(0);
                    if (constants.TryGetValue(other, out var c)) return c;
                }
        return null;
    }

    static IEnumerable<Graph> Graphs(Graph g)
    {
        yield return g;
        foreach (var n in g.Nodes)
            foreach (var sub in n.Subgraphs)
                foreach (var x in Graphs(sub)) yield return x;
    }

    /// <summary>Creates the value for one input and describes it.</summary>
    public (OrtValue Value, InputFeed Feed) Create(string name, NodeMetadata meta)
    {
        var shape = ShapeOf(name, meta);
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        var n = checked((int)count);
        var type = meta.ElementDataType;
        string source = "random";
        OrtValue value;
        switch (type)
        {
            case TensorElementType.Float: value = Make(Fill(n, () => (float)(random.NextDouble() * 2 - 1)), shape); break;
            case TensorElementType.Double: value = Make(Fill(n, () => random.NextDouble() * 2 - 1), shape); break;
            case TensorElementType.Float16: value = Make(Fill(n, () => (Float16)(float)(random.NextDouble() * 2 - 1)), shape); break;
            case TensorElementType.BFloat16: value = Make(Fill(n, () => (BFloat16)(float)(random.NextDouble() * 2 - 1)), shape); break;
            case TensorElementType.Bool: value = Make(Fill(n, () => true), shape); source = "true"; break;
            default:
                var bound = IndexBound(name);
                var constant = bound is null ? ComparedConstant(name) : null;
                source = bound is not null ? $"random [0,{bound})" : constant is not null ? $"{constant} (a value the graph compares it with)" : "ones";
                long Next() => bound is not null ? random.NextInt64(0, bound.Value) : constant ?? 1;
                value = type switch
                {
                    TensorElementType.Int64 => Make(Fill(n, Next), shape),
                    TensorElementType.Int32 => Make(Fill(n, () => (int)Next()), shape),
                    TensorElementType.Int16 => Make(Fill(n, () => (short)Next()), shape),
                    TensorElementType.Int8 => Make(Fill(n, () => (sbyte)Math.Min(Next(), sbyte.MaxValue)), shape),
                    TensorElementType.UInt8 => Make(Fill(n, () => (byte)Math.Min(Next(), byte.MaxValue)), shape),
                    TensorElementType.UInt16 => Make(Fill(n, () => (ushort)Next()), shape),
                    TensorElementType.UInt32 => Make(Fill(n, () => (uint)Next()), shape),
                    TensorElementType.UInt64 => Make(Fill(n, () => (ulong)Next()), shape),
                    _ => throw new ModelMeterException(ErrorKind.Runtime, $"input '{name}': element type {type} is not supported for random data"),
                };
                break;
        }
        return (value, new InputFeed(name, type.ToString(), shape, source));
    }

    /// <summary>Creates an input from a .npy array, checking its element type against the session's.</summary>
    public static (OrtValue Value, InputFeed Feed) FromNpy(string name, NodeMetadata meta, NpyArray a, string file)
    {
        var expected = meta.ElementDataType;
        var got = a.DataType switch
        {
            DataType.Float => TensorElementType.Float, DataType.Double => TensorElementType.Double, DataType.Float16 => TensorElementType.Float16,
            DataType.Int8 => TensorElementType.Int8, DataType.Int16 => TensorElementType.Int16, DataType.Int32 => TensorElementType.Int32,
            DataType.Int64 => TensorElementType.Int64, DataType.UInt8 => TensorElementType.UInt8, DataType.UInt16 => TensorElementType.UInt16,
            DataType.UInt32 => TensorElementType.UInt32, DataType.UInt64 => TensorElementType.UInt64, DataType.Bool => TensorElementType.Bool,
            _ => TensorElementType.DataTypeMax,
        };
        if (got != expected)
            throw ModelMeterException.Usage($"--input-data {name}={file}: the file holds {DataTypes.Name(a.DataType)} but the model input is {expected}");
        CheckShape(meta, a.Shape, $"--input-data {name}={file}");
        var v = expected switch
        {
            TensorElementType.Float => Make(a.As<float>(), a.Shape), TensorElementType.Double => Make(a.As<double>(), a.Shape),
            TensorElementType.Float16 => Make(a.As<Float16>(), a.Shape), TensorElementType.Int8 => Make(a.As<sbyte>(), a.Shape),
            TensorElementType.Int16 => Make(a.As<short>(), a.Shape), TensorElementType.Int32 => Make(a.As<int>(), a.Shape),
            TensorElementType.Int64 => Make(a.As<long>(), a.Shape), TensorElementType.UInt8 => Make(a.As<byte>(), a.Shape),
            TensorElementType.UInt16 => Make(a.As<ushort>(), a.Shape), TensorElementType.UInt32 => Make(a.As<uint>(), a.Shape),
            TensorElementType.UInt64 => Make(a.As<ulong>(), a.Shape), _ => Make(a.As<bool>(), a.Shape),
        };
        return (v, new InputFeed(name, expected.ToString(), a.Shape, file));
    }

    static OrtValue Make<T>(T[] data, long[] shape) where T : unmanaged => OrtValue.CreateTensorValueFromMemory(data, shape);

    static T[] Fill<T>(int n, Func<T> f)
    {
        var a = new T[n];
        for (int i = 0; i < n; i++) a[i] = f();
        return a;
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMeter.Graphs;

namespace ModelMeter.Runtime.Internals;

/// <summary>Makes session inputs: random data of the right type and shape, integer inputs in a safe range, or .npy data.</summary>
sealed class InputFactory(Graph? graph, IReadOnlyDictionary<string, long>? dims, Random random)
{
    /// <summary>Shape for an input: fixed dims as declared, symbolic ones from the user's dims or 1, unnamed dynamic ones 1.</summary>
    public long[] ShapeOf(NodeMetadata meta)
    {
        var shape = new long[meta.Dimensions.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (meta.Dimensions[i] > 0) { shape[i] = meta.Dimensions[i]; continue; }
            var sym = i < meta.SymbolicDimensions.Length ? meta.SymbolicDimensions[i] : "";
            shape[i] = !string.IsNullOrEmpty(sym) && dims is not null && dims.TryGetValue(sym, out var v) ? v : 1;
        }
        return shape;
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

    /// <summary>Creates the value for one input and describes it.</summary>
    public (OrtValue Value, InputFeed Feed) Create(string name, NodeMetadata meta)
    {
        var shape = ShapeOf(meta);
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
                source = bound is null ? "ones" : $"random [0,{bound})";
                long Next() => bound is null ? 1 : random.NextInt64(0, bound.Value);
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

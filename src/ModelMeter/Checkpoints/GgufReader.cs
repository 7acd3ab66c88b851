namespace ModelMeter.Checkpoints;

/// <summary>
/// Reads the header of a GGUF file (versions 2 and 3; ggml/docs/gguf.md): magic, version, metadata key/values
/// (arrays included) and tensor infos, streamed through a 64 KiB buffer. Tensor data is never read: each tensor's
/// bytes follow from its type's block layout (<see cref="GgmlTypes"/>) and are checked to lie inside the file.
/// Declared counts and lengths are checked against the bytes left before anything is allocated for them.
/// </summary>
public static class GgufReader
{
    /// <summary>"GGUF" as a little-endian uint32.</summary>
    public const uint Magic = 0x46554747;
    /// <summary>The default alignment of tensor data.</summary>
    public const int DefaultAlignment = 32;
    private const int MaxDims = 4; // GGML_MAX_DIMS

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="ModelMeterException">BadModel naming the file and the problem.</exception>
    public static GgufFile Read(string path, CheckpointReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = HeaderReader.OpenFile(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads a GGUF header from a seekable stream; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ModelMeterException">BadModel naming <paramref name="name"/> and the problem.</exception>
    public static GgufFile Read(Stream stream, string name, CheckpointReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try { return Parse(new HeaderReader(stream), name, options); }
        catch (HeaderFormatException e) { throw ModelMeterException.BadModel(name, "GGUF: " + e.Message, e); }
        catch (IOException e) { throw ModelMeterException.BadModel(name, $"cannot read: {e.Message}", e); }
    }

    private static GgufFile Parse(HeaderReader r, string name, CheckpointReadOptions o)
    {
        if (r.End < 8 || r.U32("magic") != Magic) throw new HeaderFormatException("not a GGUF file (no 'GGUF' magic)");
        uint version = r.U32("version");
        if (version == 1) throw new HeaderFormatException("version 1 (32-bit counts, before August 2023) is not supported; convert with a current llama.cpp");
        if (version is not (2 or 3)) throw new HeaderFormatException($"unknown version {version} (2 and 3 are read)");
        ulong tensorCount = r.U64("tensor count"), kvCount = r.U64("metadata count");
        // a tensor info takes at least 8 (name length) + 4 (dims) + 4 (type) + 8 (offset) bytes, a key/value 8 + 4 + 1
        if (tensorCount > (ulong)o.TensorCap || tensorCount * 24 > (ulong)r.Remaining)
            throw new HeaderFormatException($"declares {tensorCount} tensors, more than the file ({r.End} bytes) or the limit ({o.TensorCap}) can hold");
        if (kvCount > (ulong)o.TensorCap || kvCount * 13 > (ulong)r.Remaining)
            throw new HeaderFormatException($"declares {kvCount} metadata entries, more than the file ({r.End} bytes) or the limit ({o.TensorCap}) can hold");
        var meta = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = String(r, o, "metadata key");
            var type = ValueType(r.U32("value type"), key);
            var value = Value(r, o, type, key);
            if (!meta.TryAdd(key, value)) throw new HeaderFormatException($"duplicate metadata key '{key}'");
            HeaderCap(r, o);
        }
        long alignment = DefaultAlignment;
        if (meta.TryGetValue("general.alignment", out var a))
        {
            if (a.Type != GgufValueType.UInt32 || a.AsInt64 is not { } al || al <= 0 || (al & (al - 1)) != 0)
                throw new HeaderFormatException($"general.alignment must be a uint32 power of two, got {a}");
            alignment = al;
        }
        var infos = new List<(string Name, long[] Dims, GgmlType Type, ulong Offset)>((int)Math.Min(tensorCount, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < tensorCount; i++)
        {
            var tname = String(r, o, "tensor name");
            if (!names.Add(tname)) throw new HeaderFormatException($"duplicate tensor name '{tname}'");
            uint nd = r.U32("dimension count");
            if (nd is 0 or > MaxDims) throw new HeaderFormatException($"tensor '{tname}' has {nd} dimensions (1 to {MaxDims} allowed)");
            var dims = new long[nd];
            for (int d = 0; d < nd; d++)
            {
                ulong v = r.U64("dimension");
                if (v > long.MaxValue) throw new HeaderFormatException($"tensor '{tname}' dimension {d} is {v}, too large");
                dims[d] = (long)v;
            }
            uint tid = r.U32("tensor type");
            if (!GgmlTypes.IsKnown(tid)) throw new HeaderFormatException($"tensor '{tname}' has unknown ggml type {tid}");
            ulong off = r.U64("tensor offset");
            if (off % (ulong)alignment != 0) throw new HeaderFormatException($"tensor '{tname}' offset {off} is not a multiple of the alignment {alignment}");
            infos.Add((tname, dims, (GgmlType)tid, off));
            HeaderCap(r, o);
        }
        long dataOffset = (r.Position + alignment - 1) / alignment * alignment;
        var tensors = new List<CheckpointTensor>(infos.Count);
        foreach (var (tname, dims, type, off) in infos)
        {
            long elements = 1;
            foreach (var d in dims)
                elements = d == 0 ? 0 : elements > long.MaxValue / d ? throw new HeaderFormatException($"tensor '{tname}' has more than 2^63 elements") : elements * d;
            long bytes = GgmlTypes.Bytes(type, dims[0], elements)
                ?? throw new HeaderFormatException($"tensor '{tname}': row length {dims[0]} is not a multiple of {type}'s block of {GgmlTypes.BlockSize(type)}");
            if (off > (ulong)(r.End - dataOffset) || bytes > r.End - dataOffset - (long)off)
                throw new HeaderFormatException($"tensor '{tname}' ({type}, {bytes} bytes at data offset {off}) runs past the end of the file ({r.End} bytes): truncated?");
            tensors.Add(new CheckpointTensor(tname, type.ToString(), dims, elements, bytes, name, dataOffset + (long)off));
        }
        return new GgufFile
        {
            Path = name, Version = version, Metadata = meta, Tensors = tensors, Alignment = alignment, DataOffset = dataOffset, FileBytes = r.End,
        };
    }

    private static void HeaderCap(HeaderReader r, CheckpointReadOptions o)
    {
        if (r.Position > o.HeaderCap) throw new HeaderFormatException($"header is larger than the {o.HeaderCap}-byte limit");
    }

    private static GgufValueType ValueType(uint t, string key)
        => t <= (uint)GgufValueType.Float64 ? (GgufValueType)t : throw new HeaderFormatException($"metadata '{key}' has unknown value type {t}");

    private static string String(HeaderReader r, CheckpointReadOptions o, string what)
    {
        ulong n = r.U64(what + " length");
        if (n > (ulong)o.StringCap) throw new HeaderFormatException($"{what} at byte {r.Position - 8} declares {n} bytes (limit {o.StringCap})");
        return r.Utf8String((long)n, what);
    }

    private static int Size(GgufValueType t) => t switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => 0,
    };

    private static object Scalar(HeaderReader r, GgufValueType t, string key) => t switch
    {
        GgufValueType.UInt8 => (long)r.U8(key),
        GgufValueType.Int8 => (long)(sbyte)r.U8(key),
        GgufValueType.UInt16 => (long)r.U16(key),
        GgufValueType.Int16 => (long)(short)r.U16(key),
        GgufValueType.UInt32 => (long)r.U32(key),
        GgufValueType.Int32 => (long)(int)r.U32(key),
        GgufValueType.Float32 => (double)BitConverter.UInt32BitsToSingle(r.U32(key)),
        GgufValueType.UInt64 => r.U64(key),
        GgufValueType.Int64 => (long)r.U64(key),
        GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(r.U64(key)),
        GgufValueType.Bool => r.U8(key) switch { 0 => false, 1 => true, var b => throw new HeaderFormatException($"metadata '{key}': bool byte {b} is neither 0 nor 1") },
        _ => throw new HeaderFormatException($"metadata '{key}': type {t} is not a scalar"),
    };

    private static GgufValue Value(HeaderReader r, CheckpointReadOptions o, GgufValueType t, string key)
    {
        if (t == GgufValueType.String) return new GgufValue(t, String(r, o, $"metadata '{key}'"), t, 1, null);
        if (t != GgufValueType.Array) return new GgufValue(t, Scalar(r, t, key), t, 1, null);
        var et = ValueType(r.U32("array type"), key);
        if (et == GgufValueType.Array) throw new HeaderFormatException($"metadata '{key}': nested arrays are not supported");
        ulong count = r.U64("array length");
        int size = Size(et);
        // each element takes at least its fixed size (8 bytes of length for a string)
        if (count > (ulong)r.Remaining / (ulong)(size == 0 ? 8 : size))
            throw new HeaderFormatException($"metadata '{key}' declares {count} items, more than the {r.Remaining} bytes left can hold");
        if (et == GgufValueType.String)
        {
            for (ulong i = 0; i < count; i++)
            {
                ulong n = r.U64("string length");
                if (n > (ulong)o.StringCap) throw new HeaderFormatException($"metadata '{key}' item {i} declares {n} bytes (limit {o.StringCap})");
                r.Skip(n, $"metadata '{key}' item {i}");
            }
            return new GgufValue(t, null, et, (long)count, null);
        }
        if (count > (ulong)o.ArrayKeep)
        {
            r.Skip(count * (ulong)size, $"metadata '{key}'");
            return new GgufValue(t, null, et, (long)count, null);
        }
        var items = new double[count];
        for (ulong i = 0; i < count; i++)
            items[i] = Scalar(r, et, key) switch { long l => l, ulong u => u, double d => d, bool b => b ? 1 : 0, _ => 0 };
        return new GgufValue(t, null, et, (long)count, items);
    }
}

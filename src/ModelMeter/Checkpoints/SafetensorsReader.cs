using System.Buffers.Binary;
using System.Text.Json;

namespace ModelMeter.Checkpoints;

/// <summary>
/// Reads safetensors headers (huggingface/safetensors, "Format"): an 8-byte little-endian header length N, then N bytes of
/// UTF-8 JSON mapping each tensor name to its dtype, shape and [begin, end) offsets in the data that follows, plus an
/// optional <c>__metadata__</c> map of strings. Only the header is read. The checks of the reference implementation
/// apply: N at most 100 MB and inside the file, known dtypes, (end − begin) equal to the shape's bytes, and offsets
/// that cover the data exactly, without holes or overlaps.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>Reads the header of one <c>.safetensors</c> file.</summary>
    /// <exception cref="ModelMeterException">BadModel naming the file and the problem.</exception>
    public static SafetensorsFile Read(string path, CheckpointReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = HeaderReader.OpenFile(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads a safetensors header from a seekable stream; <paramref name="name"/> names it in errors and in the tensors' File.</summary>
    /// <exception cref="ModelMeterException">BadModel naming <paramref name="name"/> and the problem.</exception>
    public static SafetensorsFile Read(Stream stream, string name, CheckpointReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            long length = stream.Length;
            if (length < 8) throw new HeaderFormatException($"{length} bytes: too short for the 8-byte header length");
            Span<byte> head = stackalloc byte[8];
            stream.Position = 0;
            stream.ReadExactly(head);
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(head);
            if (n > (ulong)options.HeaderCap) throw new HeaderFormatException($"header length {n} exceeds the {options.HeaderCap}-byte limit (not a safetensors file?)");
            if (n > (ulong)(length - 8)) throw new HeaderFormatException($"header length {n} runs past the end of the file ({length} bytes)");
            var json = new byte[n];
            stream.ReadExactly(json);
            return Parse(json, name, length - 8 - (long)n, 8 + (long)n, options);
        }
        catch (HeaderFormatException e) { throw ModelMeterException.BadModel(name, "safetensors: " + e.Message, e); }
        catch (JsonException e) { throw ModelMeterException.BadModel(name, $"safetensors: header is not valid JSON: {e.Message}", e); }
        catch (IOException e) { throw ModelMeterException.BadModel(name, $"cannot read: {e.Message}", e); }
    }

    private static SafetensorsFile Parse(byte[] json, string name, long dataBytes, long dataStart, CheckpointReadOptions o)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new HeaderFormatException("header is not a JSON object");
        var tensors = new List<(string Name, string DType, long[] Shape, long Begin, long End)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (key == "__metadata__")
            {
                if (reader.TokenType != JsonTokenType.StartObject) throw new HeaderFormatException("__metadata__ is not an object");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var mk = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) throw new HeaderFormatException($"__metadata__ '{mk}' is not a string");
                    metadata[mk] = reader.GetString()!;
                }
                continue;
            }
            if (!names.Add(key)) throw new HeaderFormatException($"duplicate tensor name '{key}'");
            if (names.Count > o.TensorCap) throw new HeaderFormatException($"more than {o.TensorCap} tensors");
            tensors.Add(Tensor(ref reader, key));
        }
        // the offsets must tile [0, dataBytes) exactly
        var sorted = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long expected = 0;
        var list = new List<CheckpointTensor>(tensors.Count);
        foreach (var t in sorted)
        {
            if (t.Begin != expected)
                throw new HeaderFormatException($"tensor '{t.Name}' starts at data offset {t.Begin}, expected {expected} (offsets must cover the data without holes or overlaps)");
            expected = t.End;
        }
        if (expected != dataBytes)
            throw new HeaderFormatException($"the tensors cover {expected} bytes of data but the file holds {dataBytes}: truncated or padded");
        foreach (var t in tensors)
        {
            long elements = Elements(t.Shape, t.Name);
            long bytes = SafetensorsDtypes.Bytes(t.DType, elements);
            if (t.End - t.Begin != bytes)
                throw new HeaderFormatException($"tensor '{t.Name}': data_offsets span {t.End - t.Begin} bytes but {t.DType} {Shape(t.Shape)} needs {bytes}");
            list.Add(new CheckpointTensor(t.Name, t.DType, t.Shape, elements, bytes, name, dataStart + t.Begin));
        }
        return new SafetensorsFile(name, list, metadata, dataStart + dataBytes);
    }

    private static string Shape(long[] s) => "[" + string.Join(", ", s) + "]";

    private static long Elements(long[] shape, string name)
    {
        long e = 1;
        foreach (var d in shape)
            e = d == 0 ? 0 : e > long.MaxValue / 8 / d ? throw new HeaderFormatException($"tensor '{name}' shape {Shape(shape)} is too large") : e * d;
        return e;
    }

    private static (string, string, long[], long, long) Tensor(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new HeaderFormatException($"tensor '{name}' is not an object");
        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (r.Read() && r.TokenType != JsonTokenType.EndObject)
        {
            var field = r.GetString();
            r.Read();
            switch (field)
            {
                case "dtype":
                    if (r.TokenType != JsonTokenType.String) throw new HeaderFormatException($"tensor '{name}': dtype is not a string");
                    dtype = r.GetString()!;
                    if (SafetensorsDtypes.BitsOf(dtype) is null)
                        throw new HeaderFormatException($"tensor '{name}': unknown dtype '{dtype}' (known: {string.Join(", ", SafetensorsDtypes.All)})");
                    break;
                case "shape": shape = Ints(ref r, name, "shape", 16); break;
                case "data_offsets": offsets = Ints(ref r, name, "data_offsets", 2); break;
                default: r.Skip(); break;
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw new HeaderFormatException($"tensor '{name}' lacks {(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}");
        if (offsets.Length != 2 || offsets[1] < offsets[0])
            throw new HeaderFormatException($"tensor '{name}': data_offsets must be [begin, end] with begin ≤ end");
        return (name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Ints(ref Utf8JsonReader r, string name, string field, int max)
    {
        if (r.TokenType != JsonTokenType.StartArray) throw new HeaderFormatException($"tensor '{name}': {field} is not an array");
        var list = new List<long>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out var v) || v < 0)
                throw new HeaderFormatException($"tensor '{name}': {field} holds something other than a non-negative integer");
            if (list.Count == max) throw new HeaderFormatException($"tensor '{name}': {field} has more than {max} entries");
            list.Add(v);
        }
        return [.. list];
    }
}

using System.Buffers.Binary;
using System.Text.Json;

namespace ModelMeter.Checkpoints;

/// <summary>
/// Finds and reads checkpoints: <see cref="Sniff"/> tells what a path holds from its first bytes (the one place the file
/// type is decided), <see cref="Load"/> reads a GGUF file, a safetensors file, a sharded checkpoint's index, or a folder.
/// </summary>
public static class CheckpointLoader
{
    /// <summary>The index file of a sharded safetensors checkpoint.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>What <paramref name="path"/> holds, from its first 16 bytes (never its name).</summary>
    public static ModelFileKind Sniff(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (System.IO.Directory.Exists(path)) return ModelFileKind.Directory;
        if (!File.Exists(path)) return ModelFileKind.Missing;
        Span<byte> head = stackalloc byte[16];
        int n;
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ModelMeterException.BadModel(path, $"cannot read: {e.Message}", e);
        }
        head = head[..n];
        if (n >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == GgufReader.Magic) return ModelFileKind.Gguf;
        if (n >= 9 && head[8] == (byte)'{' && BinaryPrimitives.ReadUInt64LittleEndian(head) is > 1 and < (1UL << 40)) return ModelFileKind.Safetensors;
        int i = 0;
        if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) i = 3; // UTF-8 byte order mark
        while (i < n && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i < n && head[i] is (byte)'{' or (byte)'[') return ModelFileKind.Json;
        if (n > 0 && head[0] == 0x08) return ModelFileKind.Onnx;
        return ModelFileKind.Unknown;
    }

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/>: a .gguf, a .safetensors (with a config.json beside it when there is
    /// one), a model.safetensors.index.json, or a folder holding one of these. Returns null for a config.json or a folder
    /// with no weights (the caller analyses the config alone).
    /// </summary>
    /// <exception cref="ModelMeterException">BadModel naming the file and the problem.</exception>
    public static Checkpoint? Load(string path, CheckpointReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Sniff(path))
        {
            case ModelFileKind.Gguf:
                var g = GgufReader.Read(path, options);
                return new Checkpoint { Format = "gguf", Path = path, Files = [path], Tensors = g.Tensors, Gguf = g };
            case ModelFileKind.Safetensors:
                var s = SafetensorsReader.Read(path, options);
                return new Checkpoint { Format = "safetensors", Path = path, Files = [path], Tensors = s.Tensors, ConfigPath = Beside(path) };
            case ModelFileKind.Json:
                return IsIndex(path) ? ReadIndex(path, path, options) : null;
            case ModelFileKind.Directory:
                return ReadFolder(path, options);
            case ModelFileKind.Missing:
                throw ModelMeterException.BadModel(path, "no such file or folder");
            default:
                throw ModelMeterException.BadModel(path, "not a GGUF file, a safetensors file, a JSON config or a model folder");
        }
    }

    private static string? Beside(string file)
    {
        var c = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)) ?? ".", "config.json");
        return File.Exists(c) ? c : null;
    }

    private static bool IsIndex(string path) => System.IO.Path.GetFileName(path).EndsWith(".index.json", StringComparison.OrdinalIgnoreCase);

    private static Checkpoint? ReadFolder(string dir, CheckpointReadOptions o)
    {
        var index = System.IO.Path.Combine(dir, IndexFileName);
        if (File.Exists(index)) return ReadIndex(index, dir, o);
        var single = System.IO.Path.Combine(dir, "model.safetensors");
        var st = File.Exists(single) ? [single] : System.IO.Directory.GetFiles(dir, "*.safetensors").Order(StringComparer.Ordinal).ToArray();
        if (st.Length == 1)
        {
            var s = SafetensorsReader.Read(st[0], o);
            return new Checkpoint { Format = "safetensors", Path = dir, Files = st, Tensors = s.Tensors, ConfigPath = Beside(st[0]) };
        }
        if (st.Length > 1)
            throw ModelMeterException.BadModel(dir, $"{st.Length} .safetensors files but no {IndexFileName} to say which tensors they hold");
        var gguf = System.IO.Directory.GetFiles(dir, "*.gguf").Order(StringComparer.Ordinal).ToArray();
        if (gguf.Length == 1) return Load(gguf[0], o)! with { Path = dir };
        if (gguf.Length > 1) throw ModelMeterException.BadModel(dir, $"{gguf.Length} .gguf files: name one of them");
        return null;
    }

    private static Checkpoint ReadIndex(string indexPath, string given, CheckpointReadOptions o)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(indexPath)) ?? ".";
        var (map, totalSize) = ReadWeightMap(indexPath, o);
        var files = map.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tensors = new List<CheckpointTensor>();
        var paths = new List<string>();
        foreach (var f in files)
        {
            if (f.Length == 0 || f.Contains('/') || f.Contains('\\') || f == "." || f == "..")
                throw ModelMeterException.BadModel(indexPath, $"weight_map names '{f}', not a file in the index's folder");
            var p = System.IO.Path.Combine(dir, f);
            if (!File.Exists(p)) throw ModelMeterException.BadModel(indexPath, $"shard '{f}' listed in weight_map is missing");
            var shard = SafetensorsReader.Read(p, o);
            foreach (var t in shard.Tensors)
            {
                if (!map.TryGetValue(t.Name, out var owner))
                    throw ModelMeterException.BadModel(p, $"tensor '{t.Name}' is not listed in {System.IO.Path.GetFileName(indexPath)}");
                if (owner != f) throw ModelMeterException.BadModel(p, $"tensor '{t.Name}' is listed in the index under '{owner}'");
                tensors.Add(t);
            }
            paths.Add(p);
        }
        if (tensors.Count != map.Count)
        {
            var found = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            var missing = map.Keys.First(k => !found.Contains(k));
            throw ModelMeterException.BadModel(indexPath, $"tensor '{missing}' listed in weight_map is not in its shard '{map[missing]}'");
        }
        long bytes = tensors.Sum(t => t.Bytes);
        var notes = totalSize is { } ts && ts != bytes
            ? new[] { $"{System.IO.Path.GetFileName(indexPath)}: metadata.total_size {ts} bytes, the tensors hold {bytes} bytes (the headers are used)" }
            : [];
        return new Checkpoint
        {
            Format = "safetensors", Path = given, Files = paths, Tensors = tensors,
            ConfigPath = File.Exists(System.IO.Path.Combine(dir, "config.json")) ? System.IO.Path.Combine(dir, "config.json") : null,
            Notes = notes,
        };
    }

    private static (Dictionary<string, string> Map, long? TotalSize) ReadWeightMap(string path, CheckpointReadOptions o)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > o.HeaderCap) throw ModelMeterException.BadModel(path, $"{info.Length} bytes: larger than the {o.HeaderCap}-byte limit for an index");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("weight_map", out var wm) || wm.ValueKind != JsonValueKind.Object)
                throw ModelMeterException.BadModel(path, "no 'weight_map' object: not a safetensors index");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in wm.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) throw ModelMeterException.BadModel(path, $"weight_map '{p.Name}' is not a file name");
                map[p.Name] = p.Value.GetString()!;
            }
            long? total = doc.RootElement.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Object
                && md.TryGetProperty("total_size", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var t) ? t : null;
            return (map, total);
        }
        catch (JsonException e) { throw ModelMeterException.BadModel(path, $"not valid JSON: {e.Message}", e); }
        catch (IOException e) { throw ModelMeterException.BadModel(path, $"cannot read: {e.Message}", e); }
    }
}

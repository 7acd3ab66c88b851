using System.Text;

namespace ModelMeter.Tests.Checkpoints;

/// <summary>
/// Writes GGUF v3 files byte by byte from the format description (ggml/docs/gguf.md), independently of the reader:
/// metadata (strings, integers, floats, arrays) and tensor infos, then the data region as a sparse hole of the
/// right length (the payload is never written, so a multi-gigabyte file costs no disk).
/// </summary>
internal sealed class GgufWriter
{
    private readonly List<(string Key, Action<BinaryWriter> Write)> _kv = [];
    private readonly List<(string Name, long[] Ne, uint Type, long Bytes)> _tensors = [];

    public uint Version { get; init; } = 3;
    public int Alignment { get; init; } = 32;

    public GgufWriter Str(string key, string value) { _kv.Add((key, w => { w.Write(8u); S(w, value); })); return this; }
    public GgufWriter U32(string key, uint value) { _kv.Add((key, w => { w.Write(4u); w.Write(value); })); return this; }
    public GgufWriter F32(string key, float value) { _kv.Add((key, w => { w.Write(6u); w.Write(value); })); return this; }
    public GgufWriter Bool(string key, bool value) { _kv.Add((key, w => { w.Write(7u); w.Write((byte)(value ? 1 : 0)); })); return this; }
    public GgufWriter Strings(string key, IReadOnlyList<string> items)
    {
        _kv.Add((key, w => { w.Write(9u); w.Write(8u); w.Write((ulong)items.Count); foreach (var s in items) S(w, s); }));
        return this;
    }
    public GgufWriter I32s(string key, IReadOnlyList<int> items)
    {
        _kv.Add((key, w => { w.Write(9u); w.Write(5u); w.Write((ulong)items.Count); foreach (var i in items) w.Write(i); }));
        return this;
    }

    /// <summary>Adds a tensor: ne[0] first; <paramref name="bytes"/> as ggml stores the type (the caller computes it).</summary>
    public GgufWriter Tensor(string name, uint type, long bytes, params long[] ne) { _tensors.Add((name, ne, type, bytes)); return this; }

    private static void S(BinaryWriter w, string s) { var b = Encoding.UTF8.GetBytes(s); w.Write((ulong)b.Length); w.Write(b); }

    /// <summary>Writes the file; returns its length.</summary>
    public long Write(string path, long truncateBy = 0)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        using (var w = new BinaryWriter(f, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Encoding.ASCII.GetBytes("GGUF"));
            w.Write(Version);
            w.Write((ulong)_tensors.Count);
            w.Write((ulong)_kv.Count);
            foreach (var (key, write) in _kv) { S(w, key); write(w); }
            long offset = 0;
            foreach (var (name, ne, type, bytes) in _tensors)
            {
                S(w, name);
                w.Write((uint)ne.Length);
                foreach (var d in ne) w.Write((ulong)d);
                w.Write(type);
                w.Write((ulong)offset);
                offset += (bytes + Alignment - 1) / Alignment * Alignment;
            }
            w.Flush();
            long data = (f.Position + Alignment - 1) / Alignment * Alignment;
            long last = _tensors.Count == 0 ? 0 : offset - ((_tensors[^1].Bytes + Alignment - 1) / Alignment * Alignment) + _tensors[^1].Bytes;
            f.SetLength(data + last - truncateBy);
        }
        return f.Length;
    }
}

using System.Buffers.Binary;
using System.Text;
using ModelMeter.Checkpoints;
using Xunit;

namespace ModelMeter.Tests.Checkpoints;

/// <summary>Malformed headers end in one-line BadModel errors naming the file, without large allocations or long loops.</summary>
public sealed class HostileCheckpointTests
{
    private static ModelMeterException Bad(Func<object> read)
    {
        var e = Assert.Throws<ModelMeterException>(read);
        Assert.Equal(ErrorKind.BadModel, e.Kind);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static byte[] Gguf(Action<BinaryWriter> body, uint version = 3)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(version);
        body(w);
        w.Flush();
        return ms.ToArray();
    }

    [Fact]
    public void TruncatedGgufNamesTheTensor()
    {
        using var dir = new TempDir();
        var path = dir.File("t.gguf");
        GgufTests.Llama2Q4_0().Write(path, truncateBy: 1000);
        var e = Bad(() => GgufReader.Read(path));
        Assert.Contains("t.gguf", e.Message);
        Assert.Contains("output.weight", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(ulong.MaxValue, 0ul)] // tensor count
    [InlineData(0ul, 1ul << 40)]      // metadata count
    public void HugeCountsAreRefusedBeforeAllocating(ulong tensors, ulong kvs)
    {
        var bytes = Gguf(w => { w.Write(tensors); w.Write(kvs); });
        Bad(() => GgufReader.Read(new MemoryStream(bytes), "x.gguf"));
    }

    [Fact]
    public void HugeStringAndArrayLengthsAreRefused()
    {
        var str = Gguf(w => { w.Write(0ul); w.Write(1ul); w.Write(ulong.MaxValue - 3); });
        Assert.Contains("limit", Bad(() => GgufReader.Read(new MemoryStream(str), "s.gguf")).Message);
        var arr = Gguf(w => { w.Write(0ul); w.Write(1ul); w.Write(1ul); w.Write((byte)'k'); w.Write(9u); w.Write(6u); w.Write(1ul << 60); });
        Assert.Contains("items", Bad(() => GgufReader.Read(new MemoryStream(arr), "a.gguf")).Message);
    }

    [Fact]
    public void UnknownTypesAndVersionsAreNamed()
    {
        Assert.Contains("version 1", Bad(() => GgufReader.Read(new MemoryStream(Gguf(w => w.Write(0u), version: 1)), "v.gguf")).Message);
        var t = Gguf(w => { w.Write(1ul); w.Write(0ul); w.Write(1ul); w.Write((byte)'t'); w.Write(1u); w.Write(32ul); w.Write(4u); w.Write(0ul); });
        Assert.Contains("unknown ggml type 4", Bad(() => GgufReader.Read(new MemoryStream(t), "q.gguf")).Message);
        var dims = Gguf(w => { w.Write(1ul); w.Write(0ul); w.Write(1ul); w.Write((byte)'t'); w.Write(9u); w.Write(new byte[32]); });
        Assert.Contains("dimensions", Bad(() => GgufReader.Read(new MemoryStream(dims), "d.gguf")).Message);
        var rows = Gguf(w => { w.Write(1ul); w.Write(0ul); w.Write(1ul); w.Write((byte)'t'); w.Write(1u); w.Write(33ul); w.Write(2u); w.Write(0ul); });
        Assert.Contains("block", Bad(() => GgufReader.Read(new MemoryStream(rows), "r.gguf")).Message);
    }

    private static byte[] Safetensors(string json, long data = 0, ulong? declared = null)
    {
        var h = Encoding.UTF8.GetBytes(json);
        var b = new byte[8 + h.Length + data];
        BinaryPrimitives.WriteUInt64LittleEndian(b, declared ?? (ulong)h.Length);
        h.CopyTo(b, 8);
        return b;
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, null, null)] // valid
    [InlineData("{\"a\":{\"dtype\":\"F17\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, null, "unknown dtype")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,4]}}", 4, null, "needs 6")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]}}", 8, null, "holes")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 9, null, "padded")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}", 4, null, "JSON")]
    [InlineData("{}", 0, 1UL << 50, "limit")]
    [InlineData("{}", 0, 1000UL, "past the end")]
    [InlineData("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2, null, null)] // packed fp4: 12 bits → 2 bytes
    [InlineData("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[9223372036854775807,4],\"data_offsets\":[0,2]}}", 2, null, "too large")]
    public void SafetensorsHeaders(string json, long data, ulong? declared, string? error)
    {
        var bytes = Safetensors(json, data, declared);
        if (error is null)
        {
            var f = SafetensorsReader.Read(new MemoryStream(bytes), "m.safetensors");
            Assert.Single(f.Tensors);
            return;
        }
        var e = Bad(() => SafetensorsReader.Read(new MemoryStream(bytes), "m.safetensors"));
        Assert.Contains("m.safetensors", e.Message);
        Assert.Contains(error, e.Message);
    }

    [Fact]
    public void SniffDecidesByContent()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("model.gguf"), "{\"hidden_size\": 1}");
        Assert.Equal(ModelFileKind.Json, CheckpointLoader.Sniff(dir.File("model.gguf")));
        File.WriteAllBytes(dir.File("config.json"), Safetensors("{}"));
        Assert.Equal(ModelFileKind.Safetensors, CheckpointLoader.Sniff(dir.File("config.json")));
        Assert.Equal(ModelFileKind.Directory, CheckpointLoader.Sniff(dir.Path));
        Assert.Equal(ModelFileKind.Missing, CheckpointLoader.Sniff(dir.File("nope")));
    }

    [Fact]
    public void IndexNamingAFileOutsideItsFolderIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("model.safetensors.index.json"), "{\"weight_map\":{\"a\":\"../x.safetensors\"}}");
        Assert.Contains("not a file in the index's folder", Bad(() => CheckpointLoader.Load(dir.Path)!).Message);
    }
}

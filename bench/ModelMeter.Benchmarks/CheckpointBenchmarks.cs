using System.Text;
using BenchmarkDotNet.Attributes;
using ModelMeter.Checkpoints;
using ModelMeter.Llm;

namespace ModelMeter.Benchmarks;

/// <summary>
/// Reading a 3.8 GB GGUF (Llama-2-7B's 291 tensors as llama.cpp's Q4_0 stores them, a 32,000-token vocabulary in the
/// metadata) written once as a sparse file: only the header is read, so time and memory do not grow with the file.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class CheckpointBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "modelmeter-bench-llama-2-7b.Q4_0.gguf");
        WriteLlama2Q4_0(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>The header alone.</summary>
    [Benchmark]
    public int ReadHeader() => GgufReader.Read(_path).Tensors.Count;

    /// <summary>Header → config → stored weights per row → exact parameter count.</summary>
    [Benchmark]
    public long ParamsFromCheckpoint() => LlmParamCount.Of(LlmCheckpoint.Resolve(_path)).Total;

    /// <summary>Writes the sparse file (also used by docs/performance.md's measurement).</summary>
    public static void WriteLlama2Q4_0(string path)
    {
        const long h = 4096, ff = 11008, v = 32000;
        var tensors = new List<(string Name, long[] Ne, uint Type, long Bytes)> { ("token_embd.weight", [h, v], 2, h * v / 32 * 18) };
        for (int i = 0; i < 32; i++)
        {
            tensors.Add(($"blk.{i}.attn_norm.weight", [h], 0, h * 4));
            foreach (var n in new[] { "attn_q", "attn_k", "attn_v", "attn_output" }) tensors.Add(($"blk.{i}.{n}.weight", [h, h], 2, h * h / 32 * 18));
            tensors.Add(($"blk.{i}.ffn_norm.weight", [h], 0, h * 4));
            tensors.Add(($"blk.{i}.ffn_gate.weight", [h, ff], 2, h * ff / 32 * 18));
            tensors.Add(($"blk.{i}.ffn_up.weight", [h, ff], 2, h * ff / 32 * 18));
            tensors.Add(($"blk.{i}.ffn_down.weight", [ff, h], 2, h * ff / 32 * 18));
        }
        tensors.Add(("output_norm.weight", [h], 0, h * 4));
        tensors.Add(("output.weight", [h, v], 14, h * v / 256 * 210));
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new BinaryWriter(f, Encoding.UTF8, leaveOpen: true);
        void S(string s) { var b = Encoding.UTF8.GetBytes(s); w.Write((ulong)b.Length); w.Write(b); }
        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write(9ul);
        S("general.architecture"); w.Write(8u); S("llama");
        foreach (var (k, val) in new[] { ("llama.embedding_length", 4096u), ("llama.block_count", 32u), ("llama.feed_forward_length", 11008u),
                     ("llama.attention.head_count", 32u), ("llama.attention.head_count_kv", 32u), ("llama.context_length", 4096u) })
        { S(k); w.Write(4u); w.Write(val); }
        S("llama.attention.layer_norm_rms_epsilon"); w.Write(6u); w.Write(1e-5f);
        S("tokenizer.ggml.tokens"); w.Write(9u); w.Write(8u); w.Write((ulong)v);
        for (int i = 0; i < v; i++) S("token" + i);
        long offset = 0;
        foreach (var (name, ne, type, bytes) in tensors)
        {
            S(name);
            w.Write((uint)ne.Length);
            foreach (var d in ne) w.Write((ulong)d);
            w.Write(type);
            w.Write((ulong)offset);
            offset += (bytes + 31) / 32 * 32;
        }
        w.Flush();
        f.SetLength((f.Position + 31) / 32 * 32 + offset);
    }
}

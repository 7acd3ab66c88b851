using System.Diagnostics;
using System.Text.Json;
using ModelMeter.Llm;
using Xunit;

namespace ModelMeter.Tests.Checkpoints;

/// <summary>
/// Published parameter counts of five architectures, read from safetensors checkpoints that the test writes with the
/// models' real tensor shapes (bf16, sparse data): the exact count comes from the headers, the config formula agrees,
/// and Python's json module, reading the same headers, adds up to the same number.
/// </summary>
public sealed class PublishedCountTests
{
    public static TheoryData<string> Archs => new() { "Llama-2-7B", "Mistral-7B-v0.1", "Qwen2.5-7B", "Gemma-2-9B", "Phi-3-mini-4k" };

    private static Families.Arch Get(string name) => new[] { Families.Llama2_7B, Families.Mistral7B, Families.Qwen25_7B, Families.Gemma2_9B, Families.Phi3Mini }
        .Single(a => a.Name == name);

    internal static string ConfigJson(string builtIn)
        => System.IO.File.ReadAllText(Path.Combine(Corpus.RepoRoot!, "src", "ModelMeter", "Llm", "configs", builtIn + ".json"));

    /// <summary>Writes the model as two shards and an index (the layout of a Hugging Face download).</summary>
    internal static void WriteSharded(Families.Arch a, TempDir dir)
    {
        var tensors = Families.HfTensors(a).ToList();
        int half = tensors.Count / 2;
        var map = new Dictionary<string, string>();
        long total = 0;
        for (int s = 0; s < 2; s++)
        {
            var file = $"model-0000{s + 1}-of-00002.safetensors";
            var w = new SafetensorsWriter();
            foreach (var (name, shape) in s == 0 ? tensors.Take(half) : tensors.Skip(half)) { w.Tensor(name, "BF16", shape); map[name] = file; }
            w.Write(dir.File(file));
            total += w.TotalBytes;
        }
        System.IO.File.WriteAllText(dir.File("model.safetensors.index.json"),
            JsonSerializer.Serialize(new { metadata = new { total_size = total }, weight_map = map }));
        System.IO.File.WriteAllText(dir.File("config.json"), ConfigJson(a.ConfigBuiltIn));
    }

    [Theory]
    [MemberData(nameof(Archs))]
    public void HeadersGiveThePublishedCount(string arch)
    {
        var a = Get(arch);
        using var dir = new TempDir();
        WriteSharded(a, dir);
        var config = LlmCheckpoint.Resolve(dir.Path);
        Assert.NotNull(config.Weights);
        Assert.Equal(a.Published, LlmParamCount.Of(config).Total);
        Assert.Equal(a.Published, LlmParamCount.Of(config with { Weights = null }).Total); // the formula agrees
        Assert.Empty(LlmWeightReport.Differences(config));
        Assert.Equal(2 * a.Published, config.Weights!.TotalBytes); // bf16
        Assert.Equal(a.Published, PythonElementCount(dir.Path));
    }

    /// <summary>Python's json module reads each shard's header (8-byte length + JSON) and adds up the shapes.</summary>
    private static long PythonElementCount(string dir)
    {
        const string script = "import json,struct,sys,glob,math\n"
            + "t=0\n"
            + "for p in sorted(glob.glob(sys.argv[1]+'/*.safetensors')):\n"
            + "  f=open(p,'rb'); n=struct.unpack('<Q',f.read(8))[0]; h=json.loads(f.read(n))\n"
            + "  t+=sum(math.prod(v['shape']) for k,v in h.items() if k!='__metadata__')\n"
            + "print(t)\n";
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

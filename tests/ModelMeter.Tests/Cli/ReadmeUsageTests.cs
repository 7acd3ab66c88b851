using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Every `modelmeter …` line of the README's usage block runs (in-process) and exits 0 on real models.</summary>
public class ReadmeUsageTests
{
    [CorpusFact]
    public void Every_usage_line_of_the_readme_runs()
    {
        var readme = File.ReadAllText(Path.Combine(Corpus.RepoRoot!, "README.md"));
        var usage = readme[readme.IndexOf("## Usage", StringComparison.Ordinal)..];
        usage = usage[..usage.IndexOf("```", usage.IndexOf("```", StringComparison.Ordinal) + 3, StringComparison.Ordinal)];
        var lines = usage.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("modelmeter ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 20, $"only {lines.Count} usage lines found");
        var dir = Directory.CreateTempSubdirectory("mm-readme-").FullName;
        try
        {
            var config = Path.Combine(dir, "config.json");
            File.WriteAllText(config, """{"model_type":"llama","hidden_size":256,"intermediate_size":688,"num_attention_heads":8,"num_hidden_layers":2,"num_key_value_heads":2,"vocab_size":1000,"rms_norm_eps":1e-6,"max_position_embeddings":4096}""");
            var models = Path.Combine(dir, "models");
            Directory.CreateDirectory(models);
            File.Copy(Corpus.Require("models", "real", "burn__mnist.onnx"), Path.Combine(models, "mnist.onnx"));
            var map = new Dictionary<string, string>
            {
                ["model.onnx"] = Corpus.Require("models", "squeezenet1_1.fused.onnx"),
                ["a.onnx"] = Corpus.Require("models", "squeezenet1_1.fused.onnx"),
                ["b.onnx"] = Corpus.Require("models", "shufflenet_v2_x1_0.fused.onnx"),
                ["models/"] = models,
                ["path/to/config.json"] = config,
            };
            foreach (var line in lines)
            {
                var code = line.Split('#')[0].Trim();
                var args = code.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a =>
                {
                    if (map.TryGetValue(a, out var m)) return m;
                    if (a.EndsWith(".json", StringComparison.Ordinal) || a.EndsWith(".html", StringComparison.Ordinal) || a.EndsWith(".png", StringComparison.Ordinal))
                        return Path.Combine(dir, a); // outputs (and local.json) in the temp folder
                    return a;
                }).ToList();
                if (args[0] == "bench" || args[0] == "calibrate" || args.Contains("--bench"))
                {
                    foreach (var opt in new[] { "--runs", "--warmup" })
                        if (args.IndexOf(opt) is var i and >= 0) args.RemoveRange(i, 2);
                    args.AddRange(["--runs", "2", "--warmup", "1"]); // keep it quick
                }
                var r = CliRunner.Run([.. args]);
                Assert.True(r.ExitCode == 0, $"`{code}` exited {r.ExitCode}: {r.Err}");
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}

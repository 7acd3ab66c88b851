using System.Diagnostics;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary><c>modelmeter completion bash</c> is generated from the command tree: bash completes commands, options and option values with it.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly string _script = Path.Combine(Directory.CreateTempSubdirectory("mm-comp-").FullName, "modelmeter.bash");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_script)!, recursive: true);

    private string Complete(params string[] words)
    {
        var quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
        var psi = new ProcessStartInfo("bash", ["-c", $"source '{_script}'; COMP_WORDS=(modelmeter {quoted}); COMP_CWORD={words.Length}; _modelmeter; echo \"${{COMPREPLY[@]}}\""])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        Assert.True(p.WaitForExit(60_000)); // hang guard
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    [Fact]
    public void Bash_completes_commands_options_and_values()
    {
        var r = CliRunner.Run("completion", "bash");
        Assert.Equal(0, r.ExitCode);
        File.WriteAllText(_script, r.Out);
        Assert.Equal("list", Complete("hw", "l"));
        Assert.Equal("analyze", Complete("an"));
        Assert.Equal("--format", Complete("analyze", "model.onnx", "--fo"));
        Assert.Equal("csv html json md table", Complete("analyze", "--format", ""));
        Assert.Contains("--prompt", Complete("llm", "llama-3-8b", "--pr"), StringComparison.Ordinal);
    }

    [Fact]
    public void Zsh_loads_the_bash_script_through_bashcompinit()
        => Assert.Contains("bashcompinit", CliRunner.Run("completion", "zsh").Out, StringComparison.Ordinal);
}

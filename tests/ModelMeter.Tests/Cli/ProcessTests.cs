using System.Diagnostics;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>
/// The real <c>modelmeter</c> process (not in-process): bad input ends in one line on stderr, the documented exit code,
/// no stack trace and no output file.
/// </summary>
public class ProcessTests
{
    private static (int Code, string Out, string Err) Run(string workDir, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ModelMeter.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "modelmeter did not finish within a minute");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Bad_inputs_end_in_one_line_and_an_exit_code()
    {
        var dir = Directory.CreateTempSubdirectory("mm-process-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "random.onnx"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
            File.WriteAllText(Path.Combine(dir, "text.onnx"), "not a model at all\n");
            Directory.CreateDirectory(Path.Combine(dir, "folder.onnx"));
            var cases = new (string[] Args, int Code)[]
            {
                (["analyze", "missing.onnx", "-o", "out.json", "--format", "json"], 3),
                (["analyze", "random.onnx", "-o", "out.json", "--format", "json"], 3),
                (["analyze", "text.onnx", "-o", "out.json", "--format", "json"], 3),
                (["analyze", "folder.onnx", "-o", "out.json", "--format", "json"], 2), // a folder is a list of models: an empty one is a usage error
                (["analyze", "zoo:resnet18", "--dim", "batch=-3", "-o", "out.json"], 2),
                (["analyze", "zoo:resnet18", "--input", "nope=1x3x224x224", "-o", "out.json"], 2),
                (["analyze", "zoo:resnet18", "--format", "xml", "-o", "out.json"], 2),
                (["analyze", "zoo:nosuchnet", "-o", "out.json"], 2),
                (["report", "random.onnx", "--hw", "t4", "-o", "out.html"], 3),
                (["analyze", "zoo:resnet18", "--hw", "nosuchchip", "-o", "out.json"], 2),
                (["llm", "nosuchllm", "--hw", "t4", "-o", "out.json"], 2),
                (["layer", "conv", "--cin", "x"], 2),
            };
            foreach (var (args, code) in cases)
            {
                var r = Run(dir, args);
                var what = string.Join(' ', args);
                Assert.True(code == r.Code, $"{what}: exit {r.Code}, expected {code}; stderr: {r.Err}");
                Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);       // no stack trace
                Assert.DoesNotContain("Exception", r.Err, StringComparison.Ordinal);
                Assert.StartsWith("modelmeter: ", r.Err, StringComparison.Ordinal);
                Assert.Empty(Directory.GetFiles(dir, "out.*"));                          // no (partial) output file
                Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_good_run_writes_its_file_and_exits_zero()
    {
        var dir = Directory.CreateTempSubdirectory("mm-process-").FullName;
        try
        {
            var r = Run(dir, "analyze", "zoo:resnet18", "--format", "json", "-o", "out.json");
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("\"params\": 11689512", File.ReadAllText(Path.Combine(dir, "out.json")), StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
    }
}

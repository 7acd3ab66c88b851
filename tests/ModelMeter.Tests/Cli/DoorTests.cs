using ModelMeter.Cli;
using Xunit;

namespace ModelMeter.Tests.Cli;

/// <summary>Bad input refused at the door: unknown options and commands (exit 2, with the closest spelling), and JSON
/// inputs checked by size and first bytes before they are read.</summary>
public sealed class DoorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mm-door-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string FirstLine(CliRunner.Result r) => r.Err.Split('\n')[0];

    [Theory]
    [InlineData(new[] { "analyze", "mem:tiny", "--bogus", "x" }, "unknown option --bogus for 'modelmeter analyze'")]
    [InlineData(new[] { "analyze", "mem:tiny", "--precison", "fp16", "--hw", "t4" }, "unknown option --precison for 'modelmeter analyze' (did you mean --precision?)")]
    [InlineData(new[] { "analyze", "--fromat", "json", "mem:tiny" }, "(did you mean --format?)")]
    [InlineData(new[] { "llm", "llama-3-8b", "--promt", "5" }, "unknown option --promt for 'modelmeter llm' (did you mean --prompt?)")]
    [InlineData(new[] { "hw", "list", "--verbose" }, "unknown option --verbose for 'modelmeter hw list'")]
    [InlineData(new[] { "anlyze", "mem:tiny" }, "unknown command 'anlyze' for 'modelmeter' (did you mean analyze?)")]
    [InlineData(new[] { "hw", "lst" }, "unknown command 'lst' for 'modelmeter hw' (did you mean list?)")]
    [InlineData(new[] { "engine", "lst" }, "unknown command 'lst' for 'modelmeter engine' (did you mean list?)")]
    [InlineData(new[] { "analyze", "mem:tiny", "--hw", "t4", "--engin", "tensorrt" }, "unknown option --engin for 'modelmeter analyze' (did you mean --engine?)")]
    [InlineData(new[] { "llm", "llama-3-8b", "--hw", "t4", "--serv" }, "unknown option --serv for 'modelmeter llm' (did you mean --serve?)")]
    public void Unknown_tokens_exit_2_with_the_closest_spelling(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("modelmeter: ", FirstLine(r), StringComparison.Ordinal);
        Assert.Contains(expected, FirstLine(r), StringComparison.Ordinal);
        Assert.Equal("", r.Out); // nothing ran: no partial table
    }

    [Fact]
    public void A_model_path_after_double_dash_may_start_with_a_dash()
    {
        var r = CliRunner.Run("analyze", "--format", "json", "--", "-missing.onnx");
        Assert.Equal(3, r.ExitCode); // taken as a file (not found), not as an option
        Assert.Contains("-missing.onnx", FirstLine(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_numbers_are_values_not_options()
        => Assert.False(ModelMeter.Cli.Internals.UnknownTokens.LooksLikeOption("-1.5"));

    [Theory]
    [InlineData("PK\x03\x04rest")]
    [InlineData("\0\0\0\0\0\0\0\0\0")]
    [InlineData("")]
    public void Llm_refuses_a_file_that_is_no_model_by_its_first_bytes(string head)
    {
        var path = Path.Combine(_dir, "model.bin");
        File.WriteAllBytes(path, head.Select(c => (byte)c).ToArray());
        var r = CliRunner.Run("llm", path);
        Assert.Equal(3, r.ExitCode);
        Assert.StartsWith($"modelmeter: {path}: not a ", FirstLine(r), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PK\x03\x04rest", "a zip archive (a PyTorch .pt/.bin checkpoint?)")]
    [InlineData("\0\0\0\0\0\0\0\0\0", "not JSON (first bytes 0000000000000000)")]
    [InlineData("", "empty")]
    [InlineData(" \n{\"a\": 1}", null)]
    [InlineData("\xEF\xBB\xBF[1]", null)]
    public void Json_inputs_are_recognised_by_their_first_bytes(string head, string? what)
        => Assert.Equal(what, ModelMeter.Internals.JsonInput.Sniff(head.Select(c => (byte)c).ToArray()));

    [Fact]
    public void Llm_refuses_a_4_GB_json_file_without_reading_it()
    {
        // sparse: 4 GiB long, nothing on disk; reading it whole would need 4 GiB of memory (and, as text, 8 GiB)
        var path = Path.Combine(_dir, "config.json");
        using (var f = File.Create(path)) { f.WriteByte((byte)'{'); f.SetLength(4L << 30); }
        var r = CliRunner.Run("llm", path);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("too large for a Hugging Face config.json (the limit is 16 MiB of JSON)", FirstLine(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_inputs_over_the_cap_are_refused_even_when_they_open_like_json()
    {
        var path = Path.Combine(_dir, "hw.json");
        using (var f = File.Create(path)) { f.WriteByte((byte)'['); f.SetLength(17L << 20); }
        var r = CliRunner.Run("hw", "list", "--hw-file", path);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains($"{path}: 17,825,792 bytes is too large for a hardware file", FirstLine(r), StringComparison.Ordinal);
    }
}

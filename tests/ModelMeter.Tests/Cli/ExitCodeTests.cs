using System.Text.Json;
using Xunit;

namespace ModelMeter.Tests.Cli;

public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out.json");

    private string WriteFile(string name, byte[] bytes)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    private void AssertFailed(CliRunner.Result r, int code, string mention)
    {
        Assert.Equal(code, r.ExitCode);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("modelmeter: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mention, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(Out), "no output file is left behind");
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_file_is_a_bad_model()
    {
        var path = Path.Combine(_dir, "nothere.onnx");
        AssertFailed(CliRunner.Run("analyze", path, "-o", Out), 3, path);
    }

    [Fact]
    public void Non_onnx_file_is_a_bad_model()
    {
        var path = WriteFile("readme.onnx", "this is not a protobuf\n"u8.ToArray());
        AssertFailed(CliRunner.Run("analyze", path, "--format", "json", "-o", Out), 3, path);
    }

    [Fact]
    public void Truncated_file_is_a_bad_model()
    {
        // ir_version = 8 (field 1, varint), then graph (field 7, length-delimited) announcing 200 bytes but holding 3.
        var path = WriteFile("truncated.onnx", [0x08, 0x08, 0x3A, 0xC8, 0x01, 0x0A, 0x01, 0x41]);
        AssertFailed(CliRunner.Run("analyze", path, "-o", Out), 3, path);
    }

    [Fact]
    public void Unknown_input_name_is_a_usage_error() =>
        AssertFailed(CliRunner.Run("analyze", "mem:tiny", "--input", "image=1x3x8x8", "-o", Out), 2, "image");

    [Theory]
    [InlineData("--dim", "batch")]
    [InlineData("--dim", "batch=x")]
    [InlineData("--dim", "=8")]
    [InlineData("--dim", "batch=-1")]
    [InlineData("--dim", "batch=99999999999999999999")]
    [InlineData("--input", "input=4x3x")]
    [InlineData("--input", "input=4*3")]
    [InlineData("--input", "4x3x8x8")]
    public void Malformed_dim_or_input_is_a_usage_error_naming_the_option(string option, string value) =>
        AssertFailed(CliRunner.Run("analyze", "mem:tiny", option, value, "-o", Out), 2, option);

    [Fact]
    public void Parse_errors_exit_2() =>
        AssertFailed(CliRunner.Run("analyze", "mem:tiny", "--format", "xml", "-o", Out), 2, "xml");

    [Fact]
    public void Unknown_command_exits_2() => Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);

    [Fact]
    public void Unwritable_output_is_an_io_error()
    {
        var r = CliRunner.Run("analyze", "mem:tiny", "-o", Path.Combine(_dir, "no", "such", "dir", "out.json"));
        Assert.Equal(4, r.ExitCode);
        Assert.StartsWith("modelmeter: ", r.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Json_output_is_written_atomically_with_dims_applied()
    {
        var r = CliRunner.Run("analyze", "mem:tiny", "--dim", "batch=8", "--format", "json", "-o", Out);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Out);
        using var doc = JsonDocument.Parse(File.ReadAllText(Out));
        Assert.Equal("modelmeter/analysis/v1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal("relu <b>|x|</b>", doc.RootElement.GetProperty("nodes")[0].GetProperty("name").GetString());
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Table_output_prints_names_literally()
    {
        var r = CliRunner.Run("analyze", "mem:tiny");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("relu <b>|x|</b>", r.Out, StringComparison.Ordinal);
        Assert.Contains("symbolic dims: batch=1", r.Out, StringComparison.Ordinal);
        Assert.Contains("Total", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void No_model_argument_names_the_default_in_a_hint()
    {
        var r = CliRunner.Run("analyze", "--format", "json");
        Assert.StartsWith("no model given: analysing the built-in zoo:resnet50", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_model_reports_a_broken_file_in_its_row()
    {
        var bad = WriteFile("bad.onnx", "nope"u8.ToArray());
        var r = CliRunner.Run("analyze", "mem:tiny", bad, "--format", "json");
        Assert.Equal(3, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var models = doc.RootElement.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        Assert.Equal("modelmeter/analysis/v1", models[0].GetProperty("schema").GetString());
        Assert.Equal(bad, models[1].GetProperty("path").GetString());
        Assert.Equal(3, models[1].GetProperty("exit_code").GetInt32());
    }
}

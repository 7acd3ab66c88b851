using System.Text.Json;
using Xunit;

namespace ModelMeter.Tests.Cli;

public class CommandOutputTests
{
    [Fact]
    public void Layer_group_conv_explain_matches_the_seed_formula()
    {
        var r = CliRunner.Run("layer", "conv", "--cin", "64", "--cout", "128", "--kernel", "3", "--out", "56x56", "--groups", "4", "--explain");
        Assert.Equal(0, r.ExitCode);
        // k_h·k_w·c_in·c_out / g = 3·3·64·128/4; MACs × H·W = 56·56
        Assert.Contains("= 18,432", r.Out, StringComparison.Ordinal);
        Assert.Contains("= 57,802,752", r.Out, StringComparison.Ordinal);
        Assert.Contains("3·3·64·128·56·56 / 4", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "layer", "fc", "--cin", "2048", "--cout", "1000" }, "MACs", "2,048,000")]
    [InlineData(new[] { "layer", "dwconv", "--channels", "32", "--kernel", "3x3", "--out", "112x112" }, "MACs", "3,612,672")]
    [InlineData(new[] { "layer", "dwconv", "--channels", "32", "--kernel", "3", "--out", "112" }, "Params", "288")]
    public void Layer_results(string[] args, string quantity, string value)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Out.Split('\n'), l => l.StartsWith(quantity + " ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("layer", "conv", "--cin", "64", "--kernel", "3", "--out", "56x56")]
    [InlineData("layer", "conv", "--cin", "64", "--cout", "128", "--kernel", "3x", "--out", "56x56")]
    [InlineData("layer", "gconv", "--cin", "64", "--cout", "128", "--kernel", "3", "--out", "56")]
    [InlineData("layer", "conv", "--cin", "64", "--cout", "128", "--kernel", "3", "--out", "56", "--groups", "3")]
    [InlineData("layer", "fc", "--cin", "64", "--cout", "10", "--dtype", "float99")]
    [InlineData("layer", "pool", "--cin", "64")]
    public void Layer_bad_arguments_exit_2(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("modelmeter: ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_model_is_resnet50_with_torchvision_params()
    {
        var r = CliRunner.Run("analyze", "--format", "json", "--dim", "batch=8");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(25_557_032, root.GetProperty("totals").GetProperty("params").GetInt64()); // torchvision resnet50
        var shape = root.GetProperty("outputs")[0].GetProperty("shape");
        Assert.Equal(8, shape[0].GetInt64());
        Assert.Equal(1000, shape[1].GetInt64());
    }
}

using ModelMeter.Cli;

namespace ModelMeter.Browser.Tests;

/// <summary>Runs the <c>modelmeter</c> command line in-process (<see cref="ModelMeter.Cli.Program.Run"/>) with captured stdout and stderr.</summary>
internal static class InProcessCli
{
    /// <summary>The exit code, stdout and stderr of <c>modelmeter ARGS</c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = ModelMeter.Cli.Program.Run(args, new CliContext { Out = o, Error = e });
        return (code, o.ToString(), e.ToString());
    }
}

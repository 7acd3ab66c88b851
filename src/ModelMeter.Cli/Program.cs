using System.CommandLine;
using System.CommandLine.Help;
using ModelMeter.Cli.Commands;

namespace ModelMeter.Cli;

/// <summary>
/// Entry point of the <c>modelmeter</c> tool: builds the root command from <see cref="CommandFactories"/> and funnels
/// every expected failure into one line on stderr (<c>modelmeter: message</c>) and an exit code.
/// </summary>
internal static class Program
{
    /// <summary>Every command; add yours here (one file per command in Commands/).</summary>
    internal static readonly IReadOnlyList<Func<CliContext, Command>> CommandFactories =
    [
        AnalyzeCommand.Create,
        LayerCommand.Create,
        HwCommand.Create,
        EngineCommand.Create,
        LlmCommand.Create,
        BenchCommand.Create,
        CalibrateCommand.Create,
        ReportCommand.Create,
        CompletionCommand.Create,
    ];

    /// <summary>Process entry point.</summary>
    public static int Main(string[] args) => Run(args, CliContext.ForProcess());

    /// <summary>Runs the tool in-process with the given context (tests capture stdout/stderr this way).</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(args);
        context.Args = args;
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (Internals.UnknownTokens.Check(parse) is { } unknown)
        {
            context.Error.WriteLine($"modelmeter: {OneLine(unknown)}");
            context.Error.WriteLine("Run 'modelmeter --help' for usage.");
            return (int)ErrorKind.Usage;
        }
        if (parse.Errors.Count > 0)
        {
            context.Error.WriteLine($"modelmeter: {OneLine(parse.Errors[0].Message)}");
            context.Error.WriteLine("Run 'modelmeter --help' for usage.");
            return (int)ErrorKind.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (ModelMeterException e)
        {
            return Fail(context, e.Message, (int)e.Kind);
        }
        catch (IOException e)
        {
            return Fail(context, e.Message, (int)ErrorKind.Io);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(context, e.Message, (int)ErrorKind.Io);
        }
        catch (Exception e) when (MissingNativeLibrary(e) is { } missing)
        {
            // the single-binary install without the native libraries beside it: ONNX Runtime (bench, calibrate, probe) or Skia (--plot)
            return Fail(context, $"cannot load the native library {missing}: copy it beside {Environment.ProcessPath ?? "modelmeter"} (it is in the publish folder) or install the dotnet tool", (int)ErrorKind.Runtime);
        }
    }

    /// <summary>The name of the native library a (possibly wrapped) <see cref="DllNotFoundException"/> could not load, or null.</summary>
    internal static string? MissingNativeLibrary(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DllNotFoundException d)
            {
                var m = System.Text.RegularExpressions.Regex.Match(d.Message, @"library '([^']+)'");
                return m.Success ? m.Groups[1].Value : "(unknown)";
            }
        return null;
    }

    /// <summary>The root command with every registered command.</summary>
    internal static Command BuildRoot(CliContext context)
    {
        // A plain Command named like the installed tool (RootCommand would take the assembly's file name for help).
        var root = new Command("modelmeter", "ModelMeter: Params, MACs, FLOPs and memory access of ONNX models, per node and in total.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var f in CommandFactories) root.Subcommands.Add(f(context));
        return root;
    }

    private static int Fail(CliContext context, string message, int code)
    {
        context.Error.WriteLine($"modelmeter: {OneLine(message)}");
        return code;
    }

    private static string OneLine(string s) =>
        string.Join(' ', s.ReplaceLineEndings(" ").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}

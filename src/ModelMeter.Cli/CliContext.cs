using ModelMeter.Graphs;
using Spectre.Console;

namespace ModelMeter.Cli;

/// <summary>What commands write to and how they load models; tests substitute writers and an in-memory loader.</summary>
internal sealed class CliContext
{
    /// <summary>Standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Loads a model argument (path or zoo:NAME).</summary>
    public Func<string, Model> Loader { get; init; } = ModelSource.Load;

    /// <summary>True when <see cref="Out"/> is an interactive terminal (colours, terminal width).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>The arguments of the current invocation (set by <see cref="Program.Run"/>), recorded in reports.</summary>
    public IReadOnlyList<string> Args { get; set; } = [];

    /// <summary>The current command line as a shell would need it: <c>modelmeter</c> and the arguments, quoted where needed.</summary>
    public string CommandLine => Internals.CommandLineText.Format(Args);

    /// <summary>The context of the real process.</summary>
    public static CliContext ForProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutIsTerminal = !Console.IsOutputRedirected,
    };

    /// <summary>A Spectre console writing to <paramref name="writer"/>; plain text (no ANSI, 200 columns) unless it is the terminal.</summary>
    public IAnsiConsole ConsoleFor(TextWriter writer)
    {
        bool terminal = OutIsTerminal && ReferenceEquals(writer, Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal) console.Profile.Width = 200;
        return console;
    }
}

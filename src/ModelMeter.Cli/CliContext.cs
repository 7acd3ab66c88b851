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

    /// <summary>A console width meaning "no limit": tables are printed whole (a pipe or a file has no width).</summary>
    public const int UnboundedWidth = 4096;

    /// <summary>The width tables are fitted to when <see cref="Out"/> is not a terminal (tests set 80, 100, …); null = no limit.
    /// The real process takes it from <c>COLUMNS</c> when that is set.</summary>
    public int? Width { get; init; }

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
        Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var c) && c > 0 ? c : null,
    };

    /// <summary>A Spectre console writing to <paramref name="writer"/>: the terminal's width and colours, else plain text
    /// (no ANSI) as wide as <see cref="Width"/>, or unbounded.</summary>
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
        if (!terminal) console.Profile.Width = Math.Min(Width ?? UnboundedWidth, UnboundedWidth);
        return console;
    }
}

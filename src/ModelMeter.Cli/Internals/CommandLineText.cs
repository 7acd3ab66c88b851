using System.Text;

namespace ModelMeter.Cli.Internals;

/// <summary>Formats a command line for reports: POSIX-shell quoting, so the recorded line can be pasted back into a shell.</summary>
internal static class CommandLineText
{
    /// <summary><c>modelmeter</c> followed by each argument, single-quoted when it holds anything but
    /// <c>A-Z a-z 0-9 _ - . / : = , + @ %</c> (an embedded <c>'</c> is written <c>'\''</c>); an empty argument is <c>''</c>.</summary>
    public static string Format(IEnumerable<string> args)
    {
        var sb = new StringBuilder("modelmeter");
        foreach (var a in args) sb.Append(' ').Append(Quote(a));
        return sb.ToString();
    }

    /// <summary>One argument quoted for a POSIX shell (unchanged when no quoting is needed).</summary>
    public static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(Safe)) return arg;
        return "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool Safe(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or ',' or '+' or '@' or '%';
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ModelMeter.Cli.Internals;

/// <summary>
/// Refuses, before any command runs, a token that names no option or command of the command line it is in:
/// <c>unknown option --bogus for 'modelmeter analyze' (did you mean --batch?)</c>. It reads the command tree itself,
/// so every option and command added later is covered without registering it here.
/// </summary>
internal static class UnknownTokens
{
    /// <summary>The one-line error for the first unknown option, command or argument, or null when every token is known.</summary>
    public static string? Check(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var raw = parse.Tokens.Select(t => t.Value).ToList();
        int dashDash = raw.IndexOf("--");
        // after "--" every token is an argument, even "-x.onnx"
        var verbatim = dashDash < 0 ? [] : raw.Skip(dashDash + 1).ToHashSet(StringComparer.Ordinal);
        // a positional argument that looks like an option (System.CommandLine gives it to a ZeroOrMore argument)
        foreach (var arg in parse.CommandResult.Children.OfType<ArgumentResult>())
            foreach (var token in arg.Tokens)
                if (LooksLikeOption(token.Value) && !verbatim.Contains(token.Value)) return UnknownOption(token.Value, parse.CommandResult);
        foreach (var token in parse.UnmatchedTokens)
        {
            if (LooksLikeOption(token)) return UnknownOption(token, parse.CommandResult);
            if (command.Subcommands.Count > 0)
                return $"unknown command '{token}' for '{Path(parse.CommandResult)}'{Suggest(token, command.Subcommands.Select(c => c.Name))}";
            return $"unexpected argument '{token}' for '{Path(parse.CommandResult)}'";
        }
        return null;
    }

    /// <summary>An option-like token: starts with '-' and is neither "-" nor a number (a negative value).</summary>
    internal static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string UnknownOption(string token, CommandResult at)
    {
        var name = token.Split('=', ':')[0];
        var options = new List<string>();
        for (var c = (SymbolResult?)at; c is CommandResult cr; c = cr.Parent)
            foreach (var o in cr.Command.Options.Where(o => ReferenceEquals(cr, at) || o.Recursive))
            {
                options.Add(o.Name);
                options.AddRange(o.Aliases);
            }
        return $"unknown option {name} for '{Path(at)}'{Suggest(name, options)}";
    }

    private static string Path(CommandResult at)
    {
        var names = new List<string>();
        for (var c = (SymbolResult?)at; c is CommandResult cr; c = cr.Parent) names.Insert(0, cr.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>" (did you mean X?)" for the closest candidate within a third of the word's length (at least 2 edits), or "".</summary>
    internal static string Suggest(string word, IEnumerable<string> candidates)
    {
        var best = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(word.TrimStart('-'), c.TrimStart('-'))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        int limit = Math.Max(2, word.TrimStart('-').Length / 3);
        if (best.Name is not null && best.Distance <= limit) return $" (did you mean {best.Name}?)";
        var prefixed = candidates.Where(c => c.TrimStart('-').StartsWith(word.TrimStart('-'), StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
        return prefixed is null || word.TrimStart('-').Length == 0 ? "" : $" (did you mean {prefixed}?)";
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive.</summary>
    internal static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

using Xunit;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelMeter.Tests.Hardware;

/// <summary>Finds ../shared/docs/hardware.md (env MODELMETER_CORPUS = the shared folder, else the nearest ancestor of the repo
/// root with shared/docs/hardware.md) and parses its table. Tests return early when it is absent, unless CI=true.</summary>
static partial class HardwareDocs
{
    public static string? Path { get; } = Locate();

    static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (!string.IsNullOrEmpty(env))
        {
            var p = System.IO.Path.Combine(env, "docs", "hardware.md");
            return File.Exists(p) ? p : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = System.IO.Path.Combine(dir.FullName, "shared", "docs", "hardware.md");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>True when the document is available; fails the test instead when CI=true.</summary>
    public static bool Available()
    {
        if (Path is not null) return true;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail("docs/hardware.md not found (set MODELMETER_CORPUS to the shared folder)");
        return false;
    }

    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyDictionary<string, IReadOnlyList<string>> Rows)
    {
        public string Cell(string row, string column)
        {
            var i = Header.ToList().IndexOf(column);
            Assert.True(i >= 0, $"column '{column}' not in hardware.md");
            Assert.True(Rows.ContainsKey(row), $"row '{row}' not in hardware.md");
            return Rows[row][i];
        }
    }

    public static Table ReadTable()
    {
        var lines = File.ReadAllLines(Path!).Where(l => l.StartsWith('|')).ToList();
        static string[] Split(string l) => [.. l.Trim().Trim('|').Split('|').Select(c => c.Trim())];
        var header = Split(lines[0]);
        var rows = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var l in lines.Skip(2))
        {
            var cells = Split(l);
            rows[cells[0]] = cells;
        }
        return new Table(header, rows);
    }

    /// <summary>Source lines: "S1" → text without markdown emphasis.</summary>
    public static IReadOnlyDictionary<string, string> ReadSources()
    {
        var result = new Dictionary<string, string>();
        foreach (var l in File.ReadAllLines(Path!))
        {
            var m = SourceLine().Match(l);
            if (m.Success) result[m.Groups[1].Value] = m.Groups[2].Value.Replace("*", "").Trim();
        }
        return result;
    }

    /// <summary>The dense numbers in a cell: bracketed parts ([sparse] figures and [q]/[d]/[3p] markers) removed, thousands
    /// separators joined; "TB" sizes also given in GB.</summary>
    public static IReadOnlyList<double> Numbers(string cell)
    {
        var dense = Bracketed().Replace(cell, " ");
        var result = new List<double>();
        foreach (Match m in Number().Matches(dense))
        {
            var v = double.Parse(m.Value.Replace(",", ""), CultureInfo.InvariantCulture);
            result.Add(v);
            if (dense[(m.Index + m.Length)..].TrimStart().StartsWith("TB", StringComparison.Ordinal)) result.Add(v * 1000);
        }
        return result;
    }

    /// <summary>The numbers inside [brackets] of a cell: the vendor's 2:4-sparse figures.</summary>
    public static IReadOnlyList<double> SparseNumbers(string cell)
        => [.. Bracketed().Matches(cell).SelectMany(m => Number().Matches(m.Value)).Select(n => double.Parse(n.Value.Replace(",", ""), CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^- \*\*(S\d+)\*\* (.*)$")] private static partial Regex SourceLine();
    [GeneratedRegex(@"\[[^\]]*\]")] private static partial Regex Bracketed();
    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")] private static partial Regex Number();
}

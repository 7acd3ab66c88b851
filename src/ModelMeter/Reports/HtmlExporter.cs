using System.Globalization;
using System.Text;

namespace ModelMeter.Reports;

/// <summary>
/// Writes the self-contained HTML report: one file with inline styles, an inline script and the report data as
/// JSON in a <c>&lt;script type="application/json"&gt;</c> block. No network request of any kind
/// (a Content-Security-Policy of <c>default-src 'none'</c> enforces it).
/// </summary>
public static class HtmlExporter
{
    /// <summary>The page's scripts, concatenated in this order into one inline script.</summary>
    private static readonly string[] s_scripts = ["core.js", "estimate.js", "report.js", "table.js", "graph.js", "detail.js", "compare.js", "workbench.js", "sweep.js"];

    /// <summary>Renders the report to an HTML string.</summary>
    public static string Render(HtmlReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = EscapeForScript(HtmlWire.Serialize(data));
        var template = HtmlAssets.Read("report.html");
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CSS"] = HtmlAssets.Read("report.css"),
            ["JS"] = string.Concat(s_scripts.Select(HtmlAssets.Read)),
            ["DATA"] = json,
            ["TITLE"] = HtmlText(data.Title),
        };
        return Fill(template, parts);
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/> atomically (temporary file renamed over the target), so a
    /// failure never leaves a partial report.
    /// </summary>
    public static void Write(HtmlReportData data, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var html = Render(data);
        try
        {
            AtomicFile.WriteAllText(path, html);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{path}: cannot write report: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Makes JSON safe inside a script element: <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c>, U+2028 and U+2029
    /// become <c>\uXXXX</c> escapes. These characters occur in JSON only inside strings, so the result is the same JSON.
    /// </summary>
    public static string EscapeForScript(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var sb = new StringBuilder(json.Length + 64);
        foreach (var c in json)
        {
            switch (c)
            {
                case '<' or '>' or '&' or '\'' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escapes text for an HTML text node or attribute value.</summary>
    internal static string HtmlText(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\u2028' => "&#x2028;",
                '\u2029' => "&#x2029;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string Fill(string template, Dictionary<string, string> parts)
    {
        // Single pass over the template: inserted text is never scanned for placeholders again.
        var sb = new StringBuilder(template.Length + parts.Values.Sum(v => v.Length));
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            var key = template[(open + 2)..close];
            sb.Append(template, i, open - i);
            if (parts.TryGetValue(key, out var value)) sb.Append(value);
            else sb.Append(template, open, close + 2 - open);
            i = close + 2;
        }
        sb.Append(template, i, template.Length - i);
        return sb.ToString();
    }

}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ModelMeter.Reports;

/// <summary>
/// Writes the self-contained HTML report: one file with inline styles, an inline script and the report data as
/// JSON in a <c>&lt;script type="application/json"&gt;</c> block. No network request of any kind
/// (a Content-Security-Policy of <c>default-src 'none'</c> enforces it).
/// </summary>
public static class HtmlExporter
{
    private static readonly JsonSerializerOptions s_json = new(HtmlJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders the report to an HTML string.</summary>
    public static string Render(HtmlReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = EscapeForScript(JsonSerializer.Serialize(Sanitize(data), (JsonTypeInfo<HtmlReportData>)s_json.GetTypeInfo(typeof(HtmlReportData))));
        var template = HtmlAssets.Read("report.html");
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CSS"] = HtmlAssets.Read("report.css"),
            ["JS"] = HtmlAssets.Read("report.js"),
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

    private static HtmlReportData Sanitize(HtmlReportData d) => d with
    {
        Chips = d.Chips.Select(c => c with
        {
            BandwidthBytesPerS = Finite(c.BandwidthBytesPerS),
            Peaks = c.Peaks.Where(kv => double.IsFinite(kv.Value) && kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Nodes = c.Nodes.Select(n => n with { Intensity = Finite(n.Intensity), AttainableFlopsPerS = Finite(n.AttainableFlopsPerS), TimeS = Finite(n.TimeS) }).ToList(),
        }).ToList(),
        Nodes = d.Nodes.Select(n => n.MeasuredS is { } m && !double.IsFinite(m) ? n with { MeasuredS = null } : n).ToList(),
    };

    private static double Finite(double v) => double.IsFinite(v) && v > 0 ? v : 0;
}

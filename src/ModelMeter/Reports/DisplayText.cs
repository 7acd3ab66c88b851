using System.Globalization;
using System.Text;

namespace ModelMeter.Reports;

/// <summary>
/// Makes model-provided text safe to show on a terminal or in a text table: control characters (C0, DEL, C1: ESC
/// sequences could clear, recolour or retitle the user's terminal; tabs and line breaks would break a row) and the
/// bidirectional overrides that can make a name read differently from what it is become visible <c>\uXXXX</c> escapes.
/// Everything else, non-ASCII letters and emoji included, is kept as is. Machine formats (JSON, CSV) keep the exact text.
/// </summary>
public static class DisplayText
{
    /// <summary>The text with every control or bidi-override character written as <c>\uXXXX</c>.</summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = -1;
        for (int i = 0; i < text.Length; i++)
            if (NeedsEscape(text[i])) { first = i; break; }
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

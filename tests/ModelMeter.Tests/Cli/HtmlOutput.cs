using System.Text.Json;

namespace ModelMeter.Tests.Cli;

/// <summary>Reads the report data embedded in an HTML report (the <c>report-data</c> script element).</summary>
internal static class HtmlOutput
{
    private const string Open = "<script id=\"report-data\" type=\"application/json\">";

    public static JsonDocument Data(string html)
    {
        var start = html.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("no report-data element");
        start += Open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(html[start..end]);
    }

    public static string TempPath(string name) =>
        Path.Combine(Directory.CreateTempSubdirectory("mm-report-test-").FullName, name);
}

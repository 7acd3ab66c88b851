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

    /// <summary>One per-node column of the page data (<c>nodes.name</c>, <c>nodes.macs</c>, …) as strings or numbers.</summary>
    public static IReadOnlyList<string> Names(JsonElement root) =>
        [.. root.GetProperty("nodes").GetProperty("name").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The op type of node <paramref name="i"/> (op types are stored as indices into <c>nodes.opTypes</c>).</summary>
    public static string OpType(JsonElement root, int i)
    {
        var n = root.GetProperty("nodes");
        return n.GetProperty("opTypes")[n.GetProperty("opType")[i].GetInt32()].GetString()!;
    }

    public static string TempPath(string name) =>
        Path.Combine(Directory.CreateTempSubdirectory("mm-report-test-").FullName, name);
}

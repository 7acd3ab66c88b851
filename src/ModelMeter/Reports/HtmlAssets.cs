namespace ModelMeter.Reports;

/// <summary>Reads the report's embedded template, script and stylesheet.</summary>
internal static class HtmlAssets
{
    internal static string Read(string name)
    {
        using var s = typeof(HtmlAssets).Assembly.GetManifestResourceStream("ModelMeter.Reports.Assets." + name)
            ?? throw new InvalidOperationException($"embedded report asset {name} is missing");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}

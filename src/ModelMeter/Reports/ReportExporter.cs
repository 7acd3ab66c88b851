namespace ModelMeter.Reports;

/// <summary>A human-facing output format that renders an <see cref="AnalysisReport"/> (after BenchmarkDotNet's exporters).</summary>
public abstract class ReportExporter
{
    /// <summary>Format name used by <c>--format</c> (<c>csv</c>, <c>md</c>).</summary>
    public abstract string Name { get; }

    /// <summary>File extension including the dot.</summary>
    public abstract string FileExtension { get; }

    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public abstract void Export(AnalysisReport report, TextWriter writer);

    /// <summary>Renders <paramref name="report"/> to a string.</summary>
    public string ExportToString(AnalysisReport report)
    {
        using var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Export(report, w);
        return w.ToString();
    }
}

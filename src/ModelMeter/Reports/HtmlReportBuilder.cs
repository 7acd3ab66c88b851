using System.Reflection;
using ModelMeter.Costs;
using ModelMeter.Hardware;
using ModelMeter.Roofline;

namespace ModelMeter.Reports;

/// <summary>Fills <see cref="HtmlReportData"/> from a <see cref="ModelProfile"/> and the chips to draw.</summary>
public static class HtmlReportBuilder
{
    /// <summary>The tool version written into reports (assembly informational version).</summary>
    public static string ToolVersion { get; } =
        typeof(HtmlReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(HtmlReportBuilder).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Builds the report data, estimating each chip with the default roofline options.</summary>
    /// <param name="profile">The analysed model.</param>
    /// <param name="chips">Chips to estimate and draw a roofline for (may be empty).</param>
    /// <param name="command">The command line that produced the report.</param>
    /// <param name="measuredSeconds">Measured time per node name in seconds (optional).</param>
    /// <param name="measuredOn">Where the measurement ran (optional).</param>
    public static HtmlReportData FromProfile(ModelProfile profile, IEnumerable<HardwareSpec> chips, string command,
        IReadOnlyDictionary<string, double>? measuredSeconds = null, string? measuredOn = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(chips);
        return FromEstimates(profile, chips.Select(c => (c, profile.Estimate(c))), command, measuredSeconds, measuredOn);
    }

    /// <summary>Builds the report data from estimates already computed (any precision plan, batch or calibration).</summary>
    /// <param name="profile">The analysed model.</param>
    /// <param name="estimates">Each chip with its roofline estimate of <paramref name="profile"/>.</param>
    /// <param name="command">The command line that produced the report.</param>
    /// <param name="measuredSeconds">Measured time per node name in seconds (optional).</param>
    /// <param name="measuredOn">Where the measurement ran (optional).</param>
    public static HtmlReportData FromEstimates(ModelProfile profile, IEnumerable<(HardwareSpec Spec, Estimate Estimate)> estimates, string command,
        IReadOnlyDictionary<string, double>? measuredSeconds = null, string? measuredOn = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(estimates);
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < profile.Nodes.Count; k++)
            foreach (var o in profile.Nodes[k].Outputs)
                if (o.Name.Length > 0) producer.TryAdd(o.Name, k);
        var nodes = profile.Nodes.Select((n, k) => new HtmlNode
        {
            Name = n.Name,
            OpType = n.OpType,
            Domain = n.Domain,
            Params = n.Params,
            Macs = n.Macs,
            Flops = n.Flops,
            BytesRead = n.BytesRead,
            BytesWritten = n.BytesWritten,
            OutputShape = n.Outputs.Count > 0 ? ShapeText(n.Outputs[0]) : "",
            InputShapes = string.Join(", ", n.Inputs.Where(i => i.Name.Length > 0).Select(ShapeText)),
            Precision = n.PrecisionName,
            ComputePrecision = PeakRules.Name(n.Precision),
            Counted = n.Counted,
            MeasuredS = measuredSeconds is not null && measuredSeconds.TryGetValue(n.Name, out var s) ? s : null,
            Inputs = [.. n.Inputs.Select(i => producer.TryGetValue(i.Name, out var p) && p < k ? p : -1).Where(p => p >= 0).Distinct()],
            WeightBytes = n.WeightBytes,
            IndexBytes = n.IndexBytes,
            IndexWeightBytes = n.IndexWeightBytes,
            OpClass = HtmlWhatIfBuilder.ClassName(n.Class),
            Formula = HtmlLayerFormula.TryFrom(n),
            MacsExpression = n.Counted && n.MacsFormula.IsSymbolic ? n.MacsFormula.ToString() : "",
            FlopsExpression = n.Counted && n.FlopsFormula.IsSymbolic ? n.FlopsFormula.ToString() : "",
        }).ToList();
        var names = profile.Nodes.Select(n => n.Name).ToList();
        var htmlChips = estimates.Select(e => HtmlChipAdapter.FromEstimate(e.Spec, e.Estimate, names)).ToList();
        var t = profile.Totals;
        return new HtmlReportData
        {
            Title = profile.Model.Name,
            ModelPath = profile.Model.Path,
            Producer = profile.Model.Producer,
            IrVersion = profile.Model.IrVersion,
            Opset = profile.Model.Opset,
            Totals = new HtmlTotals(t.Params, t.Macs, t.Flops, t.WeightBytes, t.PeakActivationBytes, t.MemoryAccessBytes, t.Nodes, t.UnknownNodes),
            Nodes = nodes,
            ByOpType = profile.ByOpType.Select(r => new HtmlOpType(r.OpType, r.Count, r.Flops, r.MemoryAccessBytes)).ToList(),
            Chips = htmlChips,
            Diagnostics = profile.Diagnostics.Select(d => new HtmlDiagnostic(d.Severity.ToString().ToLowerInvariant(), d.Node, d.Message)).ToList(),
            Dims = profile.DimsUsed,
            MeasuredOn = measuredSeconds is null ? null : measuredOn ?? "this machine",
            Command = command,
            ToolVersion = ToolVersion,
        };
    }

    private static string ShapeText(TensorInfo t) => t.Shape is null ? "?" : string.Join("×", t.Shape.Dims.Select(d => d.ToString()));
}

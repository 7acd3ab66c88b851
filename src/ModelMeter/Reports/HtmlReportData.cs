namespace ModelMeter.Reports;

/// <summary>
/// Everything the self-contained HTML report shows. It is serialised to JSON and embedded in the page;
/// the page's script renders it with <c>textContent</c> only, so model strings never become markup.
/// </summary>
public sealed record HtmlReportData
{
    /// <summary>Page title (usually the model's display name).</summary>
    public required string Title { get; init; }

    /// <summary>Model file path as given on the command line.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>Producer name and version from the model file.</summary>
    public string Producer { get; init; } = "";

    /// <summary>ONNX IR version.</summary>
    public long IrVersion { get; init; }

    /// <summary>Default-domain opset.</summary>
    public long Opset { get; init; }

    /// <summary>Model totals: params, MACs, FLOPs, bytes, peak activation memory.</summary>
    public required HtmlTotals Totals { get; init; }

    /// <summary>One row per graph node, in graph (topological) order.</summary>
    public IReadOnlyList<HtmlNode> Nodes { get; init; } = [];

    /// <summary>Roll-up by op type (count, FLOPs, and predicted time on the first chip).</summary>
    public IReadOnlyList<HtmlOpType> ByOpType { get; init; } = [];

    /// <summary>One roofline per chip.</summary>
    public IReadOnlyList<HtmlChip> Chips { get; init; } = [];

    /// <summary>Diagnostics from reading, shape inference and costing.</summary>
    public IReadOnlyList<HtmlDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Symbolic dims and the values used for them.</summary>
    public IReadOnlyDictionary<string, long> Dims { get; init; } = new Dictionary<string, long>();

    /// <summary>Name of the machine the measured times come from, when measured times exist.</summary>
    public string? MeasuredOn { get; init; }

    /// <summary>Measured mean latency of one inference in seconds (ONNX Runtime), when a measurement ran.</summary>
    public double? MeasuredLatencyS { get; init; }

    /// <summary>Notes shown under the header: how the report was made (batch, precision, measurement attribution).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The exact command line that produced the report.</summary>
    public string Command { get; init; } = "";

    /// <summary>ModelMeter version that produced the report.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>What the page needs to recompute the estimates for any chip, precision and batch; null = a static page that shows
    /// <see cref="Chips"/> as computed.</summary>
    public HtmlWhatIf? WhatIf { get; init; }

    /// <summary>A second model shown beside this one with per-op-type and per-layer deltas (<c>modelmeter report a.onnx b.onnx</c>);
    /// null = one model (its page can still compare two chips).</summary>
    public HtmlReportData? Compare { get; init; }

    /// <summary>The sweep section (<c>report --sweep</c>); null = none.</summary>
    public HtmlSweep? Sweep { get; init; }
}

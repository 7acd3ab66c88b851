namespace ModelMeter.Reports;

/// <summary>The multi-model summary: one row per model (a failed model shows its error in its row), no totals.</summary>
public static class ModelsTable
{
    /// <summary>Builds the summary table of <paramref name="outcomes"/>, in argument order.</summary>
    public static ReportTable Build(IReadOnlyList<ModelOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ReportColumn[] cols =
        [
            new("model", "Model", UnitKind.Text, ""),
            .. TotalsColumns,
            new("nodes", "Nodes", UnitKind.Count, "") { FixedUnit = true },
            new("unknown_nodes", "Not counted", UnitKind.Count, "nodes of unknown op types") { FixedUnit = true },
            new("error", "Error", UnitKind.Text, "") { HideWhenConstant = true },
        ];
        var rows = outcomes.Select(o =>
        {
            var t = o.Profile?.Totals;
            return new ReportRow([
                ReportValue.Of(o.Spec), .. TotalsCells(t),
                ReportValue.Of((long?)t?.Nodes), ReportValue.Of((long?)t?.UnknownNodes), ReportValue.Of(ErrorText(o))]);
        }).ToList();
        return new ReportTable("Models", cols, rows);
    }

    /// <summary>The whole-model figures of a summary row (several models, or a sweep's values): params, MACs, FLOPs, memory access,
    /// weights, peak activations.</summary>
    internal static ReportColumn[] TotalsColumns =>
    [
        new("params", "Params", UnitKind.Count, "parameters"),
        new("macs", "MACs", UnitKind.Count, "multiply-accumulates"),
        new("flops", "FLOPs", UnitKind.Flops, "floating-point operations"),
        new("memory_access_bytes", "Memory access", UnitKind.Bytes, "bytes read + written over all nodes"),
        new("weight_bytes", "Weights", UnitKind.Bytes, "bytes of the distinct weight tensors"),
        new("peak_activation_bytes", "Peak act.", UnitKind.Bytes, "peak live activation bytes"),
    ];

    /// <summary>The cells of <see cref="TotalsColumns"/> for <paramref name="t"/> (empty when the model failed).</summary>
    internal static ReportValue[] TotalsCells(Costs.ModelTotals? t) =>
    [
        ReportValue.Of(t?.Params), ReportValue.Of(t?.Macs), ReportValue.Of(t?.Flops),
        ReportValue.Of(t?.MemoryAccessBytes), ReportValue.Of(t?.WeightBytes), ReportValue.Of(t?.PeakActivationBytes),
    ];

    /// <summary>The error of a failed model without the leading <c>PATH: </c> that the Model column already shows.</summary>
    private static string ErrorText(ModelOutcome o)
    {
        var message = o.Error?.Message ?? "";
        var prefix = o.Spec + ": ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}

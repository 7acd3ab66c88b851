using ModelMeter.Costs;

namespace ModelMeter.Reports.Json;

/// <summary>
/// JSON <c>totals.expressions</c>: the totals as formulas of the free symbolic dims, as strings in the grammar of
/// docs/json-schema.md (numbers, <c>+ - * ( )</c>, <c>floor(a/b)</c>, <c>ceil(a/b)</c>, <c>min(a,b)</c>,
/// <c>max(a,b)</c>, symbols <c>{name}</c>); null where the total depends on an unknown dim. Evaluated at any setting of
/// the symbols, each equals exactly the total that <c>--dim</c> with that setting gives.
/// </summary>
/// <param name="Params">Parameters.</param>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="BytesRead">Bytes read.</param>
/// <param name="BytesWritten">Bytes written.</param>
/// <param name="MemoryAccessBytes">Read + written.</param>
/// <param name="PeakActivationBytes">Peak live activation bytes, or null where the peak is not one short expression.</param>
/// <param name="Symbols">The free symbols the expressions mention, sorted.</param>
public sealed record ExpressionsSection(string? Params, string? Macs, string? Flops, string? BytesRead, string? BytesWritten,
    string? MemoryAccessBytes, string? PeakActivationBytes, IReadOnlyList<string> Symbols)
{
    /// <summary>Converts model formulas; null when none were computed.</summary>
    public static ExpressionsSection? From(ModelFormulas? f) => f is null ? null
        : new(f.Params.ToExpression(), f.Macs.ToExpression(), f.Flops.ToExpression(), f.BytesRead.ToExpression(),
            f.BytesWritten.ToExpression(), f.MemoryAccessBytes.ToExpression(), f.PeakActivationBytes.ToExpression(), f.Symbols);
}

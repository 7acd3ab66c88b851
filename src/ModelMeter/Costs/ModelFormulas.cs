using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>
/// Whole-model totals as formulas of the free symbolic dims (those without a <c>--dim</c> value): evaluated at any
/// setting of those symbols, each equals exactly the numeric total that <c>--dim</c> with that setting gives. A total
/// that depends on an unknown dim (or overflows) is <see cref="Dim.Unknown"/>. Printed with
/// <see cref="Dim.ToExpression"/> in the grammar of docs/json-schema.md.
/// </summary>
public sealed record ModelFormulas
{
    /// <summary>Parameters (a number: weights do not depend on dims).</summary>
    public Dim Params { get; init; }
    /// <summary>Multiply-accumulates.</summary>
    public Dim Macs { get; init; }
    /// <summary>Floating-point operations.</summary>
    public Dim Flops { get; init; }
    /// <summary>Bytes read.</summary>
    public Dim BytesRead { get; init; }
    /// <summary>Bytes written.</summary>
    public Dim BytesWritten { get; init; }
    /// <summary>Bytes read + written.</summary>
    public Dim MemoryAccessBytes { get; init; }
    /// <summary>Peak activation bytes, where the peak is one expression (a <c>max(a,b)</c> of the candidates at most a few levels deep).</summary>
    public Dim PeakActivationBytes { get; init; }

    /// <summary>The free symbols the formulas mention, sorted.</summary>
    public IReadOnlyList<string> Symbols =>
        new[] { Params, Macs, Flops, BytesRead, BytesWritten, MemoryAccessBytes, PeakActivationBytes }
            .SelectMany(d => d.Symbols).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>True when some formula depends on a symbol (the model has free dynamic dims).</summary>
    public bool IsSymbolic => Symbols.Count > 0;
}

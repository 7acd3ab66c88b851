namespace ModelMeter.Reports;

/// <summary>Roll-up row for one op type.</summary>
/// <param name="OpType">Op type (model-provided; rendered as text).</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Flops">Operations summed over the nodes.</param>
/// <param name="MemoryAccessBytes">Bytes read and written summed over the nodes.</param>
public sealed record HtmlOpType(string OpType, int Count, long Flops, long MemoryAccessBytes);

namespace ModelMeter.Reports.Json;

/// <summary>JSON <c>totals</c> (counts and bytes; see docs/counting.md).</summary>
/// <param name="Params">Parameters.</param>
/// <param name="Buffers">BatchNormalization running statistics.</param>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="BytesRead">Bytes read, summed over nodes.</param>
/// <param name="BytesWritten">Bytes written, summed over nodes.</param>
/// <param name="MemoryAccessBytes">Read + written.</param>
/// <param name="WeightBytes">Bytes of the distinct weight and buffer tensors.</param>
/// <param name="PeakActivationBytes">Peak live activation bytes.</param>
/// <param name="Nodes">Top-level node count.</param>
/// <param name="UnknownNodes">Nodes not counted (unknown op type).</param>
/// <param name="Expressions">The totals as formulas of the free symbolic dims (issue 12), or null.</param>
public sealed record TotalsSection(long Params, long Buffers, long Macs, long Flops, long BytesRead, long BytesWritten,
    long MemoryAccessBytes, long WeightBytes, long PeakActivationBytes, int Nodes, int UnknownNodes, ExpressionsSection? Expressions = null);

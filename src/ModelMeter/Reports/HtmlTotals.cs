namespace ModelMeter.Reports;

/// <summary>Model totals shown in the report header.</summary>
/// <param name="Params">Learned parameters.</param>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="Flops">Floating-point (or integer) operations.</param>
/// <param name="WeightBytes">Bytes of weights (initializers), each counted once.</param>
/// <param name="PeakActivationBytes">Peak live activation memory.</param>
/// <param name="MemoryAccessBytes">Bytes read plus bytes written over all nodes.</param>
/// <param name="Nodes">Node count.</param>
/// <param name="UnknownNodes">Nodes of op types without a rule (counted as zero).</param>
public sealed record HtmlTotals(long Params, long Macs, long Flops, long WeightBytes, long PeakActivationBytes, long MemoryAccessBytes, int Nodes, int UnknownNodes);

namespace ModelMeter.Reports.Json;

/// <summary>JSON <c>by_op_type</c> item.</summary>
/// <param name="OpType">Operator type.</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Params">Parameters.</param>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="Flops">Floating-point operations.</param>
/// <param name="MemoryAccessBytes">Bytes read + written.</param>
public sealed record OpTypeSection(string OpType, int Count, long Params, long Macs, long Flops, long MemoryAccessBytes);

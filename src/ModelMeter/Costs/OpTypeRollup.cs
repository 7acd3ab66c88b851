namespace ModelMeter.Costs;

/// <summary>Totals for one operator type.</summary>
public sealed record OpTypeRollup(string OpType, int Count, long Params, long Macs, long Flops, long MemoryAccessBytes);

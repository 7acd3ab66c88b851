namespace ModelMeter.Costs;

/// <summary>Identification of the analysed model.</summary>
public sealed record ModelInfo(string Path, string Name, string Producer, long IrVersion, long Opset);

namespace ModelMeter.Reports.Json;

/// <summary>JSON <c>model</c>: where the model came from and what produced it.</summary>
/// <param name="Path">File path, or the zoo spec (<c>zoo:resnet50</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Producer">Producer name and version ("" when absent).</param>
/// <param name="IrVersion">ONNX IR version.</param>
/// <param name="Opset">Default-domain opset.</param>
public sealed record ModelSection(string Path, string Name, string Producer, long IrVersion, long Opset);

using ModelMeter.Costs;

namespace ModelMeter.Runtime;

/// <summary>One measured node as calibration data: its plain-roofline compute and memory times and its measured time.</summary>
/// <param name="Model">Model the node came from.</param>
/// <param name="Node">Node name.</param>
/// <param name="Class">Op class.</param>
/// <param name="ComputeS">FLOPs / applicable peak (no calibration), seconds.</param>
/// <param name="MemoryS">Bytes / bandwidth (no calibration), seconds.</param>
/// <param name="MeasuredS">Measured time (kernel + dispatch), seconds.</param>
public sealed record CalibrationSample(string Model, string Node, OpClass Class, double ComputeS, double MemoryS, double MeasuredS);

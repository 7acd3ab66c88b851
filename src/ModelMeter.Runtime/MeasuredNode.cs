using ModelMeter.Costs;

namespace ModelMeter.Runtime;

/// <summary>One node of a measurement: measured time beside our counts for it (JSON contract, snake_case).</summary>
/// <param name="Name">Node name in the optimised graph.</param>
/// <param name="OpType">Operator ONNX Runtime ran.</param>
/// <param name="TimeS">Mean measured time per run, seconds: kernel time plus the dispatch gap before it.</param>
/// <param name="KernelTimeS">Mean kernel time alone (ONNX Runtime's <c>_kernel_time</c> events), seconds.</param>
/// <param name="Share">Share of the summed node time.</param>
/// <param name="Attributed">True when the node was found in the analysed (optimised) graph.</param>
/// <param name="OpClass">Kernel class of the analysed node (null when not attributed).</param>
/// <param name="Flops">Counted FLOPs of the analysed node.</param>
/// <param name="Bytes">Counted memory access bytes (read + written).</param>
/// <param name="AchievedFlopsPerS">Flops / time (null when not attributed or not counted).</param>
/// <param name="AchievedBytesPerS">Bytes / time (null when not attributed or not counted).</param>
/// <param name="PredictedTimeS">Roofline prediction for the node, when one was made.</param>
public sealed record MeasuredNode(
    string Name, string OpType, double TimeS, double KernelTimeS, double Share, bool Attributed, OpClass? OpClass, long Flops, long Bytes,
    double? AchievedFlopsPerS, double? AchievedBytesPerS, double? PredictedTimeS);

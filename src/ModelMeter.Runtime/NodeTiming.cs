namespace ModelMeter.Runtime;

/// <summary>Measured time of one graph node, averaged over the timed runs of a profile.</summary>
/// <param name="Name">Node name in the graph ONNX Runtime executed (the optimised graph).</param>
/// <param name="OpType">Operator type ONNX Runtime ran (args.op_name).</param>
/// <param name="Provider">Execution provider.</param>
/// <param name="Seconds">Mean time per run in seconds: the node's kernel time plus the dispatch gap between the previous
/// kernel's end (or the run's start) and its own start — the node's slice of the run's wall-clock time.</param>
/// <param name="KernelSeconds">Mean of the <c>_kernel_time</c> events alone, seconds.</param>
public sealed record NodeTiming(string Name, string OpType, string Provider, double Seconds, double KernelSeconds);

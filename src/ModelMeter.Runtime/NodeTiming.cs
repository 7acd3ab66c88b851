namespace ModelMeter.Runtime;

/// <summary>Measured time of one graph node, averaged over the timed runs of a profile.</summary>
/// <param name="Name">Node name in the graph ONNX Runtime executed (the optimised graph).</param>
/// <param name="OpType">Operator type ONNX Runtime ran (args.op_name).</param>
/// <param name="Provider">Execution provider.</param>
/// <param name="Seconds">Mean time per run in seconds (sum of the node's kernel events in a run, averaged over runs).</param>
public sealed record NodeTiming(string Name, string OpType, string Provider, double Seconds);

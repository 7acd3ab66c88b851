namespace ModelMeter.Runtime;

/// <summary>One complete ("ph":"X") event of an ONNX Runtime profile (Chrome trace format); times in microseconds.</summary>
/// <param name="Category">"Session" or "Node".</param>
/// <param name="Name">Event name as written (e.g. <c>model_run</c>, <c>conv1_kernel_time</c>).</param>
/// <param name="TsUs">Start, microseconds since the profile began.</param>
/// <param name="DurUs">Duration in microseconds.</param>
/// <param name="OpName">args.op_name (node events), else null.</param>
/// <param name="Provider">args.provider (node events), else null.</param>
public sealed record ProfileEvent(string Category, string Name, double TsUs, double DurUs, string? OpName, string? Provider)
{
    /// <summary>Suffix of the events that time a node's kernel.</summary>
    public const string KernelSuffix = "_kernel_time";

    /// <summary>True for a node kernel event.</summary>
    public bool IsKernel => Category == "Node" && Name.EndsWith(KernelSuffix, StringComparison.Ordinal);

    /// <summary>The graph node name of a kernel event (the name without <c>_kernel_time</c>).</summary>
    public string NodeName => IsKernel ? Name[..^KernelSuffix.Length] : Name;
}

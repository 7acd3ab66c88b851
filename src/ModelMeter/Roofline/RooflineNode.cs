using ModelMeter.Costs;

namespace ModelMeter.Roofline;

/// <summary>What the roofline needs to know about one node (one kernel). Bytes are what the kernel moves through DRAM:
/// <paramref name="BytesRead"/> includes <paramref name="WeightBytes"/>.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType">ONNX op type.</param>
/// <param name="Class">Kernel class: selects the tensor or vector peak and the calibration factors.</param>
/// <param name="Precision">The precision the node computes in (the model's own dtypes).</param>
/// <param name="Flops">Floating-point (or integer) operations; one MAC = 2.</param>
/// <param name="BytesRead">Bytes read: input activations plus weights.</param>
/// <param name="BytesWritten">Bytes written: outputs.</param>
/// <param name="WeightBytes">Bytes of initializers (weights) among <paramref name="BytesRead"/>.</param>
public sealed record RooflineNode(string Name, string OpType, OpClass Class, Precision Precision, double Flops, double BytesRead, double BytesWritten, double WeightBytes)
{
    /// <summary>Total bytes moved (read + written).</summary>
    public double Bytes => BytesRead + BytesWritten;

    /// <summary>Bytes that are not weights (input and output activations); these scale with batch.</summary>
    public double ActivationBytes => Math.Max(0, Bytes - WeightBytes);

    /// <summary>Bytes of integer index and boolean tensors (shapes, indices, masks) among <see cref="Bytes"/>; a what-if precision
    /// does not rescale them (default 0).</summary>
    public double IndexBytes { get; init; }

    /// <summary>Bytes of integer index and boolean constants among <see cref="WeightBytes"/> (part of <see cref="IndexBytes"/>).</summary>
    public double IndexWeightBytes { get; init; }
}

/// <summary>A model as the roofline sees it: its nodes, the batch they were counted at, and model-level memory totals.</summary>
/// <param name="Nodes">Nodes in execution order.</param>
public sealed record RooflineInput(IReadOnlyList<RooflineNode> Nodes)
{
    /// <summary>The batch size the node costs were counted at (default 1).</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Total bytes of the model's (unique) weights; null = the sum of the nodes' <see cref="RooflineNode.WeightBytes"/>.</summary>
    public double? WeightBytes { get; init; }

    /// <summary>Peak live activation bytes (by liveness) at <see cref="Batch"/>; null = the largest single node's activation bytes
    /// (a lower bound).</summary>
    public double? PeakActivationBytes { get; init; }
}

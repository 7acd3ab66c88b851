using ModelMeter.Costs;

namespace ModelMeter.Engines;

/// <summary>One kernel an engine runs: a group of graph nodes fused together. Its bytes are only its external inputs and
/// outputs (tensors produced and consumed inside the kernel never reach DRAM); its FLOPs are its nodes' FLOPs (less those of
/// nodes folded into weights, such as BatchNormalization).</summary>
/// <param name="Name">The name of the kernel's main node (its anchor), as the engine would report it.</param>
/// <param name="Kind">What the kernel mainly does.</param>
/// <param name="Nodes">The original nodes it holds, in topological order.</param>
/// <param name="OpType">The op type of the anchor node (or <c>Attention</c>).</param>
/// <param name="Class">Op class of the anchor (selects tensor vs vector peaks).</param>
/// <param name="Precision">Compute precision of the anchor.</param>
/// <param name="Flops">FLOPs.</param>
/// <param name="BytesRead">Bytes of external inputs read (activations and weights).</param>
/// <param name="BytesWritten">Bytes of outputs written (consumed outside the kernel or graph outputs).</param>
/// <param name="WeightBytes">Bytes of constant inputs among <paramref name="BytesRead"/>.</param>
public sealed record Kernel(string Name, KernelKind Kind, IReadOnlyList<string> Nodes, string OpType, OpClass Class, Precision Precision,
    double Flops, double BytesRead, double BytesWritten, double WeightBytes)
{
    /// <summary>Bytes of integer index and boolean tensors among the kernel's bytes (left alone by a precision what-if).</summary>
    public double IndexBytes { get; init; }
    /// <summary>Index bytes among <see cref="WeightBytes"/>.</summary>
    public double IndexWeightBytes { get; init; }
    /// <summary>The GEMM the anchor runs (Conv, Gemm, MatMul, attention), for tile and wave quantisation; null for other kernels.</summary>
    public GemmShape? Gemm { get; init; }
    /// <summary>Names of the external activation inputs (producers' outputs), for on-chip (L2) residency.</summary>
    public IReadOnlyList<string> InputTensors { get; init; } = [];
    /// <summary>Bytes of each of <see cref="InputTensors"/> at the counted batch.</summary>
    public IReadOnlyList<double> InputTensorBytes { get; init; } = [];
    /// <summary>Names of the tensors written.</summary>
    public IReadOnlyList<string> OutputTensors { get; init; } = [];
    /// <summary>Indices of <see cref="Nodes"/> in the profile's node list (the same order).</summary>
    public IReadOnlyList<int> NodeIndices { get; init; } = [];
    /// <summary>Total bytes moved.</summary>
    public double Bytes => BytesRead + BytesWritten;
}

namespace ModelMeter.Reports;

/// <summary>The kernels one set of fusion rules makes of the model (<c>FusionPass.Run</c>), packed for the page: which node runs in
/// which kernel, each kernel's anchor and its counts (<see cref="HtmlKernelSig"/>).</summary>
public sealed record HtmlKernelPlan
{
    /// <summary>One character per node, in node order: <c>.</c> = no kernel (folded), <c>+</c> = starts the next kernel, a digit or
    /// letter (<c>0-9a-zA-Z</c>, 0–61) = joins the kernel that many before the newest one, <c>~</c> = see <see cref="Far"/>.</summary>
    public string Nodes { get; init; } = "";
    /// <summary>[node, kernel] for the nodes marked <c>~</c>.</summary>
    public IReadOnlyList<int[]> Far { get; init; } = [];
    /// <summary>[kernel, position] for kernels whose anchor (name) is not their first node.</summary>
    public IReadOnlyList<int[]> Anchors { get; init; } = [];
    /// <summary>Per kernel: index into <see cref="Sigs"/>.</summary>
    public IReadOnlyList<int> Sig { get; init; } = [];
    /// <summary>The distinct kernel counts.</summary>
    public IReadOnlyList<HtmlKernelSig> Sigs { get; init; } = [];
    /// <summary>Bytes of the graph's inputs and outputs at the counted batch (what a host↔device copy moves per run).</summary>
    public double IoBytes { get; init; }
    /// <summary>Change of <see cref="IoBytes"/> per unit of batch.</summary>
    public double IoSlope { get; init; }
    /// <summary>True when the counts carry batch slopes (the kernels are the same at every batch); false with a batch symbol means
    /// the kernels change with the batch, so the page has them at the counted batch only.</summary>
    public bool Slopes { get; init; }
    /// <summary>Kernels whose counts are not linear in the batch (exact at the counted batch and the next only).</summary>
    public int NonLinearKernels { get; init; }
}

namespace ModelMeter.Engines;

/// <summary>Which fusions an engine performs when it builds its kernels from a graph (docs/counting.md "Engines").</summary>
/// <param name="FoldBatchNorm">BatchNormalization after a Conv/Gemm is folded into its weights (no kernel, no bytes).</param>
/// <param name="Epilogues">Bias, activation, residual add, clip, scale and quantize after a Conv/Gemm/pool run in its epilogue.</param>
/// <param name="PointwiseChains">Chains of elementwise and broadcast ops run as one kernel.</param>
/// <param name="NormKernels">LayerNorm/RMSNorm, GELU, Softmax and reductions with their elementwise neighbours run as one kernel.</param>
/// <param name="FlashAttention">MatMul → scale/mask → Softmax → MatMul runs as one attention kernel: the scores never reach DRAM.</param>
/// <param name="FoldViews">Reshape, Flatten, Squeeze, Unsqueeze, Identity and Dropout are views: no kernel, no bytes.</param>
/// <param name="FoldTranspose">Transpose is folded into its consumer's operand layout (strided GEMM, attention): no kernel.</param>
/// <param name="AbsorbQdq">DequantizeLinear is absorbed into the int8 kernel that reads it; QuantizeLinear into the producer's epilogue.</param>
/// <param name="HorizontalGemms">Matrix products that read the same activation with their own weights (Q, K and V projections;
/// gate and up projections) run as one wider GEMM.</param>
public readonly record struct FusionRules(bool FoldBatchNorm, bool Epilogues, bool PointwiseChains, bool NormKernels,
    bool FlashAttention, bool FoldViews, bool FoldTranspose, bool AbsorbQdq, bool HorizontalGemms = false)
{
    /// <summary>No fusion at all: every node is its own kernel (the exporter's graph as it is).</summary>
    public static FusionRules None => default;

    /// <summary>Every fusion on (a graph compiler such as TensorRT with Myelin).</summary>
    public static FusionRules All => new(true, true, true, true, true, true, true, true, true);

    /// <summary>The rules as (name, on) pairs, in declaration order, for <c>engine show</c>.</summary>
    public IReadOnlyList<(string Name, bool On, string Meaning)> Describe() =>
    [
        ("fold-batchnorm", FoldBatchNorm, "BatchNormalization after Conv/Gemm folded into the weights"),
        ("epilogues", Epilogues, "bias, activation, residual add, clip, scale, quantize in the Conv/Gemm epilogue"),
        ("pointwise-chains", PointwiseChains, "chains of elementwise/broadcast ops as one kernel"),
        ("norm-kernels", NormKernels, "LayerNorm/RMSNorm, GELU, Softmax, reductions with their elementwise neighbours as one kernel"),
        ("flash-attention", FlashAttention, "MatMul→scale/mask→Softmax→MatMul as one kernel; scores never reach DRAM"),
        ("fold-views", FoldViews, "Reshape/Flatten/Squeeze/Unsqueeze/Identity/Dropout are views: no kernel"),
        ("fold-transpose", FoldTranspose, "Transpose folded into the consumer's operand layout"),
        ("absorb-qdq", AbsorbQdq, "Q/DQ absorbed into int8 kernels"),
        ("horizontal-gemms", HorizontalGemms, "GEMMs reading the same activation (Q/K/V, gate/up) as one wider GEMM"),
    ];
}

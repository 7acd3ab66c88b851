namespace ModelMeter.Engines;

/// <summary>What a fused kernel mainly does; selects its efficiency factors.</summary>
public enum KernelKind
{
    /// <summary>A matrix product (Gemm, MatMul) with its epilogue.</summary>
    Gemm,
    /// <summary>A dense or grouped convolution (implicit GEMM) with its epilogue.</summary>
    Conv,
    /// <summary>A depth-wise convolution (vector units).</summary>
    DepthwiseConv,
    /// <summary>Fused attention (FlashAttention-style): QKᵀ, mask, softmax and AV in one kernel.</summary>
    Attention,
    /// <summary>Elementwise and broadcast ops.</summary>
    Pointwise,
    /// <summary>Normalisations, softmax and reductions (with fused elementwise neighbours).</summary>
    Normalization,
    /// <summary>Pooling.</summary>
    Pooling,
    /// <summary>Copies and gathers: Concat, Slice, Gather, Pad, Resize, an unfolded Transpose.</summary>
    DataMovement,
    /// <summary>Anything else (control flow, unknown ops).</summary>
    Other,
}

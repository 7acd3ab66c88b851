namespace ModelMeter.Costs;

/// <summary>The arithmetic precision a node computes in; selects the hardware peak used by the roofline.</summary>
public enum Precision
{
    /// <summary>64-bit float.</summary>
    Fp64,
    /// <summary>32-bit float.</summary>
    Fp32,
    /// <summary>TensorFloat-32 (fp32 storage, tensor-core math).</summary>
    Tf32,
    /// <summary>16-bit float.</summary>
    Fp16,
    /// <summary>bfloat16.</summary>
    Bf16,
    /// <summary>8-bit float (E4M3/E5M2).</summary>
    Fp8,
    /// <summary>8-bit integer.</summary>
    Int8,
    /// <summary>4-bit integer.</summary>
    Int4,
    /// <summary>Integer index/shape arithmetic (int32/int64, bool): runs on the vector/scalar units.</summary>
    Int32,
    /// <summary>6-bit float (FP6 E2M3/E3M2, OCP MX).</summary>
    Fp6,
    /// <summary>4-bit float (FP4 E2M1: NVIDIA NVFP4, OCP MXFP4).</summary>
    Fp4,
}

namespace ModelMeter.Checkpoints;

/// <summary>
/// The tensor types of ggml (ggml/include/ggml.h, <c>enum ggml_type</c>), by their numeric id in GGUF files. Ids 4, 5
/// (Q4_2, Q4_3) and 31–33, 36–38 (the repacked Q4_0_4_4 … IQ4_NL_8_8 layouts) were removed from ggml and are refused.
/// </summary>
public enum GgmlType
{
    /// <summary>32-bit float.</summary>
    F32 = 0,
    /// <summary>IEEE half.</summary>
    F16 = 1,
    /// <summary>32 weights: fp16 scale + 16 bytes of nibbles (4.5 bits/weight).</summary>
    Q4_0 = 2,
    /// <summary>32 weights: fp16 scale and min + nibbles (5.0 bits/weight).</summary>
    Q4_1 = 3,
    /// <summary>32 weights: fp16 scale + 4 bytes of high bits + nibbles (5.5 bits/weight).</summary>
    Q5_0 = 6,
    /// <summary>32 weights: fp16 scale and min + high bits + nibbles (6.0 bits/weight).</summary>
    Q5_1 = 7,
    /// <summary>32 weights: fp16 scale + 32 int8 (8.5 bits/weight).</summary>
    Q8_0 = 8,
    /// <summary>32 weights: fp16 scale and sum + 32 int8 (9.0 bits/weight; an activation type).</summary>
    Q8_1 = 9,
    /// <summary>K-quant super-block of 256: 84 bytes (2.625 bits/weight).</summary>
    Q2_K = 10,
    /// <summary>K-quant: 110 bytes per 256 (3.4375 bits/weight).</summary>
    Q3_K = 11,
    /// <summary>K-quant: 144 bytes per 256 (4.5 bits/weight).</summary>
    Q4_K = 12,
    /// <summary>K-quant: 176 bytes per 256 (5.5 bits/weight).</summary>
    Q5_K = 13,
    /// <summary>K-quant: 210 bytes per 256 (6.5625 bits/weight).</summary>
    Q6_K = 14,
    /// <summary>K-quant: 292 bytes per 256 (9.125 bits/weight; an activation type).</summary>
    Q8_K = 15,
    /// <summary>i-quant: 66 bytes per 256 (2.0625 bits/weight).</summary>
    IQ2_XXS = 16,
    /// <summary>i-quant: 74 bytes per 256 (2.3125 bits/weight).</summary>
    IQ2_XS = 17,
    /// <summary>i-quant: 98 bytes per 256 (3.0625 bits/weight).</summary>
    IQ3_XXS = 18,
    /// <summary>i-quant: 50 bytes per 256 (1.5625 bits/weight).</summary>
    IQ1_S = 19,
    /// <summary>i-quant, non-linear 4-bit: 18 bytes per 32 (4.5 bits/weight).</summary>
    IQ4_NL = 20,
    /// <summary>i-quant: 110 bytes per 256 (3.4375 bits/weight).</summary>
    IQ3_S = 21,
    /// <summary>i-quant: 82 bytes per 256 (2.5625 bits/weight).</summary>
    IQ2_S = 22,
    /// <summary>i-quant: 136 bytes per 256 (4.25 bits/weight).</summary>
    IQ4_XS = 23,
    /// <summary>8-bit integer.</summary>
    I8 = 24,
    /// <summary>16-bit integer.</summary>
    I16 = 25,
    /// <summary>32-bit integer.</summary>
    I32 = 26,
    /// <summary>64-bit integer.</summary>
    I64 = 27,
    /// <summary>64-bit float.</summary>
    F64 = 28,
    /// <summary>i-quant: 56 bytes per 256 (1.75 bits/weight).</summary>
    IQ1_M = 29,
    /// <summary>bfloat16.</summary>
    BF16 = 30,
    /// <summary>Ternary: 54 bytes per 256 (1.6875 bits/weight).</summary>
    TQ1_0 = 34,
    /// <summary>Ternary: 66 bytes per 256 (2.0625 bits/weight).</summary>
    TQ2_0 = 35,
    /// <summary>OCP MX FP4: 17 bytes per 32 (E8M0 scale + 16 bytes of E2M1; 4.25 bits/weight).</summary>
    MXFP4 = 39,
    /// <summary>NVIDIA FP4: 36 bytes per 64 (four E4M3 scales of 16 + 32 bytes of E2M1; 4.5 bits/weight).</summary>
    NVFP4 = 40,
}

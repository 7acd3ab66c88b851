using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Which execution units a peak belongs to.</summary>
public enum PeakPath
{
    /// <summary>Tensor cores / matrix units (conv and matmul-like kernels).</summary>
    Tensor,
    /// <summary>Vector units (CUDA cores, SIMD): everything else, depth-wise conv included.</summary>
    Vector,
}

/// <summary>The peak a kernel is held to.</summary>
/// <param name="FlopsPerSecond">Peak FLOP/s (OP/s for integers).</param>
/// <param name="Requested">The precision the node computes in.</param>
/// <param name="Used">The precision whose peak was used (differs from <paramref name="Requested"/> after a fallback).</param>
/// <param name="Path">Tensor or vector units.</param>
/// <param name="Note">Why a fallback or derived figure was used; null when the catalogued figure applied directly.</param>
public sealed record AppliedPeak(double FlopsPerSecond, Precision Requested, Precision Used, PeakPath Path, string? Note);

/// <summary>The rules that pick the peak for (chip, precision, op class); stated in docs/counting.md "Roofline rules".</summary>
public static class PeakRules
{
    /// <summary>True when kernels of <paramref name="opClass"/> run on tensor/matrix units (Conv and Gemm only).</summary>
    public static bool UsesTensorUnits(OpClass opClass) => opClass is OpClass.Conv or OpClass.Gemm;

    /// <summary>Precisions tried, in order, when a chip has no peak for <paramref name="precision"/>.</summary>
    public static IReadOnlyList<Precision> FallbackChain(Precision precision) => precision switch
    {
        Precision.Fp64 => [Precision.Fp64, Precision.Fp32],
        Precision.Fp32 => [Precision.Fp32, Precision.Tf32, Precision.Bf16, Precision.Fp16],
        Precision.Tf32 => [Precision.Tf32, Precision.Fp32, Precision.Bf16, Precision.Fp16],
        Precision.Fp16 => [Precision.Fp16, Precision.Bf16, Precision.Fp32],
        Precision.Bf16 => [Precision.Bf16, Precision.Fp16, Precision.Fp32],
        Precision.Fp8 => [Precision.Fp8, Precision.Fp16, Precision.Bf16, Precision.Fp32],
        Precision.Int8 => [Precision.Int8, Precision.Fp16, Precision.Bf16, Precision.Fp32],
        Precision.Int4 => [Precision.Int4, Precision.Int8, Precision.Fp16, Precision.Bf16, Precision.Fp32],
        // FP6/FP4 without their own units run as dequantised FP8 (Hopper, Ada, CDNA3) or FP16/BF16 kernels; the note says so
        Precision.Fp6 => [Precision.Fp6, Precision.Fp8, Precision.Fp16, Precision.Bf16, Precision.Fp32],
        Precision.Fp4 => [Precision.Fp4, Precision.Fp8, Precision.Fp16, Precision.Bf16, Precision.Fp32],
        Precision.Int32 => [Precision.Int32, Precision.Fp32],
        _ => [precision, Precision.Fp32],
    };

    /// <summary>Picks the peak for a kernel of <paramref name="opClass"/> computing in <paramref name="precision"/> on
    /// <paramref name="hw"/>: the tensor peak for Conv/Gemm, the vector peak otherwise, walking
    /// <see cref="FallbackChain"/> when the chip has no figure.</summary>
    /// <exception cref="ModelMeterException">The chip has no usable peak at all (e.g. a CPU with no published TFLOPS).</exception>
    public static AppliedPeak Select(HardwareSpec hw, Precision precision, OpClass opClass)
    {
        var path = UsesTensorUnits(opClass) ? PeakPath.Tensor : PeakPath.Vector;
        var chain = FallbackChain(precision);
        foreach (var p in chain)
        {
            var v = path == PeakPath.Tensor ? Tensor(hw, p) : Vector(hw, p);
            if (v is { } tflops)
                return new AppliedPeak(tflops * 1e12, precision, p, path,
                    p == precision || (precision == Precision.Int32 && p == Precision.Fp32) ? null
                        : $"{Name(precision)} has no {path.ToString().ToLowerInvariant()} peak on {hw.Id}; used {Name(p)}");
        }
        if (path == PeakPath.Vector)
        {
            // No vector figure at all (TPUs publish matrix rates only): hold the kernel to the matrix-unit peak.
            foreach (var p in chain)
                if (Tensor(hw, p) is { } tflops)
                    return new AppliedPeak(tflops * 1e12, precision, p, PeakPath.Tensor,
                        $"{hw.Id} has no vector peak; used the {Name(p)} matrix peak");
        }
        throw ModelMeterException.Usage(
            $"hardware '{hw.Id}' has no compute peak for {Name(precision)} or its fallbacks ({string.Join(", ", chain.Select(Name))}); " +
            "give peak_tflops in a --hw-file entry to estimate on it");
    }

    /// <summary>The tensor/matrix-unit TFLOPS for exactly <paramref name="precision"/>, or null. FP64/FP32 use the matrix figure when
    /// the chip has one, else the vector figure (an FP32 model's GEMMs run on CUDA cores unless the what-if is tf32).</summary>
    public static double? Tensor(HardwareSpec hw, Precision precision) => precision switch
    {
        Precision.Fp64 or Precision.Fp32 => hw.MatrixTflops.TryGetValue(precision, out var m) ? m : hw.Peak(precision),
        Precision.Int32 => hw.Peak(Precision.Fp32),
        _ => hw.Peak(precision),
    };

    /// <summary>The vector-unit TFLOPS for exactly <paramref name="precision"/>, or null. FP64, FP32 (and TF32, INT32) use the
    /// catalogued vector columns; FP16, BF16, FP8, INT8, INT4 use the vector FP16 rate: <see cref="HardwareSpec.VectorFp16Tflops"/>
    /// when given, else for NVIDIA GPUs min(2 × FP32, FP16 tensor peak), else the FP32 rate.</summary>
    public static double? Vector(HardwareSpec hw, Precision precision) => precision switch
    {
        Precision.Fp64 => hw.Peak(Precision.Fp64),
        Precision.Fp32 or Precision.Tf32 or Precision.Int32 => hw.Peak(Precision.Fp32),
        _ => VectorFp16(hw),
    };

    /// <summary>The vector (non-tensor) FP16 rate in TFLOPS: given, or derived (see <see cref="Vector"/>).</summary>
    public static double? VectorFp16(HardwareSpec hw)
    {
        if (hw.VectorFp16Tflops is { } given)
            return given;
        if (hw.Peak(Precision.Fp32) is not { } fp32)
            return null;
        if (hw.Kind == HardwareKind.Gpu && string.Equals(hw.Vendor, "NVIDIA", StringComparison.OrdinalIgnoreCase))
            return Math.Min(2 * fp32, hw.Peak(Precision.Fp16) ?? double.MaxValue);
        return fp32;
    }

    /// <summary>Lower-case name of a precision (<c>fp16</c>).</summary>
    public static string Name(Precision precision) => precision.ToString().ToLowerInvariant();
}

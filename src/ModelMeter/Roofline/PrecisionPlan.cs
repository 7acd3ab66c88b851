using ModelMeter.Costs;

namespace ModelMeter.Roofline;

/// <summary>A what-if precision: the precision every floating-point node computes in, and the storage size of its weights and
/// activations. Node bytes are rescaled by (target element size / the node's own element size); integer index nodes
/// (<see cref="Precision.Int32"/>) are left alone.</summary>
/// <param name="Name">Name as written on the command line (<c>fp16</c>, <c>w4a16</c>).</param>
/// <param name="Compute">Compute precision (selects the peak).</param>
/// <param name="WeightBytesPerElement">Bytes per weight element.</param>
/// <param name="ActivationBytesPerElement">Bytes per activation element.</param>
public sealed record PrecisionPlan(string Name, Precision Compute, double WeightBytesPerElement, double ActivationBytesPerElement)
{
    /// <summary>FP32 compute and storage.</summary>
    public static PrecisionPlan Fp32 { get; } = new("fp32", Precision.Fp32, 4, 4);
    /// <summary>TF32 tensor-core math on FP32 storage.</summary>
    public static PrecisionPlan Tf32 { get; } = new("tf32", Precision.Tf32, 4, 4);
    /// <summary>FP16 compute and storage.</summary>
    public static PrecisionPlan Fp16 { get; } = new("fp16", Precision.Fp16, 2, 2);
    /// <summary>BF16 compute and storage.</summary>
    public static PrecisionPlan Bf16 { get; } = new("bf16", Precision.Bf16, 2, 2);
    /// <summary>FP8 compute and storage.</summary>
    public static PrecisionPlan Fp8 { get; } = new("fp8", Precision.Fp8, 1, 1);
    /// <summary>INT8 compute and storage.</summary>
    public static PrecisionPlan Int8 { get; } = new("int8", Precision.Int8, 1, 1);
    /// <summary>INT4 compute and storage (half a byte per element).</summary>
    public static PrecisionPlan Int4 { get; } = new("int4", Precision.Int4, 0.5, 0.5);
    /// <summary>FP6 compute and storage (0.75 byte per element; Blackwell, CDNA 4).</summary>
    public static PrecisionPlan Fp6 { get; } = new("fp6", Precision.Fp6, 0.75, 0.75);
    /// <summary>FP4 compute and storage (NVFP4 / MXFP4: half a byte per element, block scales not counted).</summary>
    public static PrecisionPlan Fp4 { get; } = new("fp4", Precision.Fp4, 0.5, 0.5);
    /// <summary>W8A8: INT8 compute with 8-bit weights and 8-bit activations.</summary>
    public static PrecisionPlan W8A8 { get; } = new("w8a8", Precision.Int8, 1, 1);
    /// <summary>W4A16: FP16 compute with 4-bit weights (dequantised in the kernel) and 16-bit activations.</summary>
    public static PrecisionPlan W4A16 { get; } = new("w4a16", Precision.Fp16, 0.5, 2);

    /// <summary>All built-in plans.</summary>
    public static IReadOnlyList<PrecisionPlan> All { get; } = [Fp32, Tf32, Fp16, Bf16, Fp8, Fp6, Fp4, Int8, Int4, W8A8, W4A16];

    /// <summary>Parses a plan name (case-insensitive).</summary>
    /// <exception cref="ModelMeterException">Unknown name; the message lists the valid ones.</exception>
    public static PrecisionPlan Parse(string name)
        => All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
           ?? throw ModelMeterException.Usage($"unknown precision '{name}' (one of {string.Join(", ", All.Select(p => p.Name))})");

    /// <summary>Storage bytes per element of a compute precision (TF32 is stored as FP32; INT4 = 0.5).</summary>
    public static double ElementBytes(Precision precision) => precision switch
    {
        Precision.Fp64 => 8,
        Precision.Fp32 or Precision.Tf32 or Precision.Int32 => 4,
        Precision.Fp16 or Precision.Bf16 => 2,
        Precision.Fp8 or Precision.Int8 => 1,
        Precision.Int4 or Precision.Fp4 => 0.5,
        Precision.Fp6 => 0.75,
        _ => 4,
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Options for one roofline estimate.</summary>
/// <param name="Precision">What-if precision; null = each node's own precision.</param>
/// <param name="Batch">Batch size to estimate at; 0 or less = the batch the input was counted at. Costs scale linearly from the
/// input's batch: FLOPs and activation bytes × (batch / input batch), weight bytes unchanged (read once per batch).</param>
/// <param name="IgnoreCalibration">True = the plain datasheet roofline even when the chip has a calibration block.</param>
public readonly record struct EstimateOptions(PrecisionPlan? Precision = null, int Batch = 0, bool IgnoreCalibration = false);

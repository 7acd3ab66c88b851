namespace ModelMeter.Reports;

/// <summary>One engine of the page's what-if: the overheads and fractions <c>Forecaster.Run</c> applies, and which kernel plan
/// (<see cref="HtmlWhatIf.KernelPlans"/>) its fusion rules produce.</summary>
public sealed record HtmlEngine
{
    /// <summary>Engine id (<c>tensorrt</c>).</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Index into <see cref="HtmlWhatIf.KernelPlans"/>: engines with the same fusion rules share one plan.</summary>
    public int Plan { get; init; }
    /// <summary>Fraction of the chip's achievable GEMM rate its kernels reach.</summary>
    public double GemmFraction { get; init; } = 1;
    /// <summary>True when its fp16 GEMMs accumulate in fp16 (the chip's fp16-accumulate tensor rate applies).</summary>
    public bool Fp16Accumulate { get; init; }
    /// <summary>Device idle time between two kernels, seconds.</summary>
    public double KernelGapS { get; init; }
    /// <summary>Host dispatch time per kernel, seconds.</summary>
    public double HostPerKernelS { get; init; }
    /// <summary>Fixed time per run, seconds.</summary>
    public double PerRunS { get; init; }
    /// <summary>True when every run copies the inputs to the device and the outputs back.</summary>
    public bool CopiesIo { get; init; }
}

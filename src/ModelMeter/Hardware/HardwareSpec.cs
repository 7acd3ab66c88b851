using ModelMeter.Costs;

namespace ModelMeter.Hardware;

/// <summary>What kind of processor a catalog entry describes.</summary>
public enum HardwareKind
{
    /// <summary>A GPU (discrete or integrated).</summary>
    Gpu,
    /// <summary>A CPU.</summary>
    Cpu,
    /// <summary>A neural processing unit.</summary>
    Npu,
    /// <summary>A tensor processing unit (Google TPU).</summary>
    Tpu,
}

/// <summary>How a chip talks to the host and to its peers. Bandwidths are vendor bidirectional totals in GB/s.</summary>
/// <param name="Text">The interconnect as the source writes it.</param>
/// <param name="PcieGen">PCIe generation, when known.</param>
/// <param name="PcieLanes">PCIe lane count, when the source gives it.</param>
/// <param name="PcieGbps">PCIe bandwidth in GB/s, when the source gives it.</param>
/// <param name="NvlinkGbps">NVLink (or NVLink bridge) bandwidth in GB/s.</param>
/// <param name="OtherGbps">Another chip-to-chip link (AMD Infinity Fabric, Google ICI) in GB/s.</param>
public sealed record Interconnect(string Text, int? PcieGen = null, int? PcieLanes = null, double? PcieGbps = null, double? NvlinkGbps = null, double? OtherGbps = null)
{
    /// <summary>The host link when it is not PCIe (NVLink-C2C on GH200/GB200, unified memory on Apple/Jetson), else null.</summary>
    public string? HostLink { get; init; }
    /// <summary>Host↔device theoretical bandwidth per direction in GB/s: given, else derived from the PCIe generation and lanes
    /// (x16 when the lanes are not given), else half of <see cref="PcieGbps"/>.</summary>
    public double? HostGbpsPerDirection { get; init; }
    /// <summary>Host↔device bandwidth a pinned-memory copy typically reaches per direction in GB/s: given, else
    /// <see cref="LinkMath.TypicalShare"/> of the theoretical figure.</summary>
    public double? HostAchievedGbpsPerDirection { get; init; }
    /// <summary>Name of the device↔device link (NVLink 4, NVLink 5, Infinity Fabric, ICI, RoCE), null when there is none.</summary>
    public string? DeviceLink { get; init; }

    /// <summary>Host↔device theoretical GB/s per direction (given or derived), null when unknown or the memory is shared.</summary>
    public double? HostTheoreticalPerDirection => HostGbpsPerDirection ?? LinkMath.PciePerDirection(PcieGen, PcieLanes) ?? PcieGbps / 2;

    /// <summary>Host↔device achieved GB/s per direction (given, else a typical share of the theoretical figure).</summary>
    public double? HostTypicalPerDirection => HostAchievedGbpsPerDirection ?? HostTheoreticalPerDirection * LinkMath.TypicalShare;

    /// <summary>The device↔device bandwidth per direction in GB/s: NVLink, else the other fabric, else null.</summary>
    public double? DeviceGbpsPerDirection => (NvlinkGbps ?? OtherGbps) / 2;
}

/// <summary>Calibrated corrections for one op class: the roofline time becomes
/// max(FLOPs / (peak × ComputeEfficiency), bytes / (bandwidth × BandwidthEfficiency)) + OverheadS.</summary>
/// <param name="ComputeEfficiency">Fraction of the peak FLOP/s a kernel of this class reaches (1 = the datasheet peak).</param>
/// <param name="BandwidthEfficiency">Fraction of the datasheet memory bandwidth a kernel of this class reaches.</param>
/// <param name="OverheadS">Fixed time per kernel in seconds (launch, synchronisation).</param>
public sealed record CalibrationFactors(double ComputeEfficiency = 1, double BandwidthEfficiency = 1, double OverheadS = 0)
{
    /// <summary>No correction: the plain roofline.</summary>
    public static CalibrationFactors None { get; } = new();
}

/// <summary>The optional calibration block of a hardware entry (filled by measurement).</summary>
/// <param name="Source">Where the factors come from (a measurement run, a date).</param>
/// <param name="Default">Factors for op classes not listed in <paramref name="OpClasses"/>; null = no correction.</param>
/// <param name="OpClasses">Factors per op class.</param>
public sealed record Calibration(string? Source, CalibrationFactors? Default, IReadOnlyDictionary<OpClass, CalibrationFactors> OpClasses)
{
    /// <summary>The factors that apply to <paramref name="opClass"/>.</summary>
    public CalibrationFactors For(OpClass opClass)
        => OpClasses.TryGetValue(opClass, out var f) ? f : Default ?? CalibrationFactors.None;
}

/// <summary>One catalogued chip: datasheet peaks (dense, never the 2:4-sparse figures), memory, interconnect and sources.</summary>
public sealed record HardwareSpec
{
    /// <summary>Lower-case id used on the command line (<c>t4</c>, <c>h100-sxm</c>).</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>The Device cell of the row in docs/hardware.md this entry was taken from (null for user entries).</summary>
    public string? SourceRow { get; init; }
    /// <summary>Vendor (NVIDIA, AMD, Google, Apple, Intel, …).</summary>
    public string Vendor { get; init; } = "";
    /// <summary>Processor kind.</summary>
    public HardwareKind Kind { get; init; }
    /// <summary>Peak dense TFLOPS (TOPS for integers) per precision as the datasheet columns give them: FP64 and FP32 are the
    /// vector (CUDA-core) rates; TF32, FP16, BF16, FP8, INT8, INT4 the tensor/matrix-unit rates. A missing key = not supported
    /// or no vendor figure.</summary>
    public IReadOnlyDictionary<Precision, double> PeakTflops { get; init; } = new Dictionary<Precision, double>();
    /// <summary>2:4 structured-sparsity tensor peaks (the vendor's "with sparsity" figures); used only with <c>--sparsity 2:4</c>.</summary>
    public IReadOnlyDictionary<Precision, double> SparseTflops { get; init; } = new Dictionary<Precision, double>();
    /// <summary>Tensor peaks with FP16 accumulation where they differ from <see cref="PeakTflops"/> (which holds the FP32-accumulate
    /// rate that PyTorch and cuBLAS use; GeForce and RTX workstation parts run FP16-accumulate at twice the rate).</summary>
    public IReadOnlyDictionary<Precision, double> Fp16AccumulateTflops { get; init; } = new Dictionary<Precision, double>();
    /// <summary>Matrix-unit TFLOPS for precisions whose datasheet peak is the vector rate (FP64 "TC"/matrix, FP32 matrix/packed).</summary>
    public IReadOnlyDictionary<Precision, double> MatrixTflops { get; init; } = new Dictionary<Precision, double>();
    /// <summary>Vector (non-tensor) FP16 TFLOPS when the vendor gives it; otherwise the roofline derives it (see docs/counting.md).</summary>
    public double? VectorFp16Tflops { get; init; }
    /// <summary>Compute units (CUDA cores / tensor cores / SMs, or the vendor's equivalent) as text.</summary>
    public string? ComputeUnits { get; init; }
    /// <summary>Streaming multiprocessors (NVIDIA), compute units (AMD), TensorCores (TPU), performance cores (CPU) or GPU
    /// cores (Apple): the unit a kernel's blocks are spread over. Null when no source gives it.</summary>
    public int? SmCount { get; init; }
    /// <summary>Lower-case generation id: volta, turing, ampere, ada, hopper, blackwell, cdna2, cdna3, tpu-v4, apple-m2,
    /// sapphire-rapids, zen4, …. Null when unknown.</summary>
    public string? Architecture { get; init; }
    /// <summary>Clock as text (boost / base MHz and markers).</summary>
    public string? Clock { get; init; }
    /// <summary>Memory technology (GDDR6, HBM3, LPDDR5 …).</summary>
    public string? MemoryType { get; init; }
    /// <summary>Memory size in GB (10^9 bytes) as the vendor rounds it; null when the source gives none. Use
    /// <see cref="MemoryBytes"/> for arithmetic: an "80GB" A100 holds 80 GiB.</summary>
    public double? MemoryGb { get; init; }
    /// <summary>Physical memory in bytes, exact (GiB-sized parts as such: 80 GiB = 85,899,345,920 B); when the entry gives
    /// none, <see cref="MemoryGb"/> × 10^9.</summary>
    public double? MemoryBytes { get => _memoryBytes ?? MemoryGb * 1e9; init => _memoryBytes = value; }
    /// <summary>Memory a program can allocate in bytes (nvidia-smi "Total", after ECC and the driver's reservation), when it
    /// differs from the physical size; null = same as <see cref="MemoryBytes"/>.</summary>
    public double? MemoryUsableBytes { get; init; }
    /// <summary>Memory a program can allocate: <see cref="MemoryUsableBytes"/> when given, else <see cref="MemoryBytes"/>.</summary>
    public double? UsableMemoryBytes => MemoryUsableBytes ?? MemoryBytes;
    /// <summary>Peak memory bandwidth in GB/s (10^9 bytes/s).</summary>
    public required double MemoryBandwidthGbps { get; init; }
    /// <summary>Last-level on-chip cache in MB (L2, or L3 on CPUs).</summary>
    public double? OnChipMb { get; init; }
    /// <summary>On-chip memory as the source describes it.</summary>
    public string? OnChip { get; init; }
    /// <summary>Host and peer links.</summary>
    public Interconnect Interconnect { get; init; } = new("–");
    /// <summary>Board/package power in W (the upper figure when the source gives a range).</summary>
    public double? TdpW { get; init; }
    /// <summary>Lowest configurable power limit in W (nvidia-smi -pl minimum, cTDP floor, lowest power mode); null = not configurable.</summary>
    public double? PowerMinW { get; init; }
    /// <summary>Power as the source writes it, when it is more than one number.</summary>
    public string? Tdp { get; init; }
    /// <summary>Launch year.</summary>
    public int? Year { get; init; }
    /// <summary>Source id in docs/hardware.md (S1 … S18).</summary>
    public string? SourceId { get; init; }
    /// <summary>The source documents, as text.</summary>
    public string? Source { get; init; }
    /// <summary>Sources of single figures, keyed by their hardware.json field name (<c>sm_count</c>, <c>architecture</c>,
    /// <c>on_chip_mb</c>, …), where the figure is not from <see cref="Source"/>.</summary>
    public IReadOnlyDictionary<string, string> FieldSources { get; init; } = new Dictionary<string, string>();
    /// <summary>Caveats: disagreements between sources, derived figures, choices made.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Measured corrections for the roofline; null = plain datasheet roofline.</summary>
    public Calibration? Calibration { get; init; }
    /// <summary>Where the entry was loaded from (<c>embedded</c> or a file path).</summary>
    public string Origin { get; init; } = "embedded";

    /// <summary>The catalogued peak in TFLOPS for <paramref name="precision"/>, or null when not supported / not published.</summary>
    public double? Peak(Precision precision) => PeakTflops.TryGetValue(precision, out var v) ? v : null;

    /// <summary>The catalogued peak in FLOP/s (OP/s for integers), or null.</summary>
    public double? PeakFlopsPerSecond(Precision precision) => Peak(precision) * 1e12;

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double BandwidthBytesPerSecond => MemoryBandwidthGbps * 1e9;

    readonly double? _memoryBytes;

    /// <summary>This chip as seen with 2:4 structured sparsity: each tensor peak replaced by its sparse figure where the vendor
    /// gives one (precisions without a sparse figure keep their dense peak).</summary>
    public HardwareSpec WithSparsity()
    {
        var peaks = new Dictionary<Precision, double>(PeakTflops);
        foreach (var (p, v) in SparseTflops) peaks[p] = v;
        return this with { PeakTflops = peaks };
    }

    /// <summary>Ridge point in FLOP/byte: catalogued peak FLOP/s / bandwidth in bytes/s; null when the chip has no peak for
    /// <paramref name="precision"/>. Kernels with a higher arithmetic intensity are compute-bound.</summary>
    public double? RidgePoint(Precision precision) => PeakFlopsPerSecond(precision) / BandwidthBytesPerSecond;
}

namespace ModelMeter.Engines;

/// <summary>One inference engine: the fusions it performs, its per-kernel and per-run overheads, and where each figure comes
/// from. The chip side of a prediction (achievable fractions of peak) is in <see cref="ArchitectureFactors"/>.</summary>
public sealed record EngineSpec
{
    /// <summary>Lower-case id used on the command line (<c>tensorrt</c>, <c>llama.cpp</c>).</summary>
    public required string Id { get; init; }
    /// <summary>Display name with the version the figures describe.</summary>
    public required string Name { get; init; }
    /// <summary>One line on what the engine is.</summary>
    public string Summary { get; init; } = "";
    /// <summary>Processor kinds it runs on: <c>gpu</c>, <c>cpu</c> (lower-case <see cref="Hardware.HardwareKind"/> names).</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = ["gpu"];
    /// <summary>Vendors whose chips it runs on (lower-case: <c>nvidia</c>, <c>amd</c> …); empty = any vendor.</summary>
    public IReadOnlyList<string> Vendors { get => _vendors; init => _vendors = value ?? []; }
    readonly IReadOnlyList<string> _vendors = [];
    /// <summary>True for an LLM serving engine (TensorRT-LLM, vLLM, llama.cpp): <c>llm</c> uses its decode figures.</summary>
    public bool Llm { get; init; }
    /// <summary>The fusions it performs on a graph.</summary>
    public FusionRules Fusion { get; init; }
    /// <summary>Device-side idle time between two kernels in seconds (launch latency; smaller under CUDA graphs).</summary>
    public double KernelGapS { get; init; }
    /// <summary>Host (CPU) time to dispatch one kernel in seconds; the run takes at least Σ of these (the host and device
    /// overlap, so the run is max(device time, host time)).</summary>
    public double HostPerKernelS { get; init; }
    /// <summary>Fixed time per run (enqueue, synchronise) in seconds.</summary>
    public double PerRunS { get; init; }
    /// <summary>Fixed time per LLM decode step besides the kernels (scheduler, sampling, detokenisation) in seconds.</summary>
    public double PerStepS { get; init; }
    /// <summary>True when the engine copies inputs to the device and outputs back on every run (the copy is added to the time).</summary>
    public bool CopiesIo { get; init; }
    /// <summary>Fraction of the chip's achievable DRAM bandwidth its LLM decode (weight-streaming GEMV) kernels reach; 1 = the
    /// chip's STREAM-like figure.</summary>
    public double DecodeBandwidthFraction { get; init; } = 1;
    /// <summary>The same fraction for block-quantised weights (dequantised on the fly: llama.cpp q4_0, q4_k …); null = as
    /// <see cref="DecodeBandwidthFraction"/>.</summary>
    public double? QuantizedDecodeBandwidthFraction { get; init; }
    /// <summary>Fraction of the chip's achievable GEMM rate its kernels reach (1 = cuBLAS/CUTLASS-class kernels).</summary>
    public double GemmFraction { get; init; } = 1;
    /// <summary>True when prompt processing converts quantised weights to fp16 before a cuBLAS GEMM (an extra write and read of
    /// every weight at 16 bits per prefill).</summary>
    public bool PrefillDequantizes { get; init; }
    /// <summary>True when its fp16 GEMMs accumulate in fp16 (the chip's fp16-accumulate tensor rate applies where it differs).</summary>
    public bool Fp16Accumulate { get; init; }
    /// <summary>Source of each figure, keyed by field (<c>fusion</c>, <c>kernel_gap_s</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the engine runs on processors of <paramref name="kind"/>.</summary>
    public bool RunsOnKind(Hardware.HardwareKind kind) => RunsOn.Contains(kind.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>True when the engine runs on <paramref name="hw"/>: its kind, and its vendor when the engine names vendors.</summary>
    public bool RunsOnChip(Hardware.HardwareSpec hw)
    {
        ArgumentNullException.ThrowIfNull(hw);
        return RunsOnKind(hw.Kind) && (Vendors.Count == 0 || Vendors.Contains(hw.Vendor.Trim().ToLowerInvariant(), StringComparer.Ordinal));
    }

    /// <summary>The source recorded for <paramref name="field"/>, or "—" when none is named.</summary>
    public string SourceOf(string field) => Sources.TryGetValue(field, out var s) ? s : "—";
}

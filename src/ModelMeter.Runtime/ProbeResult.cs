namespace ModelMeter.Runtime;

/// <summary>This machine's measured peaks (FLOP/s and bytes/s, decimal units) and what the CPU's flags and clock promise.</summary>
public sealed record ProbeResult
{
    /// <summary>CPU model name from /proc/cpuinfo (or the processor architecture).</summary>
    public required string CpuModel { get; init; }
    /// <summary>Clock in MHz from /proc/cpuinfo, when known.</summary>
    public double? ClockMhz { get; init; }
    /// <summary>Threads used for the all-threads figures.</summary>
    public int Threads { get; init; }
    /// <summary>Instruction set of the FMA kernel.</summary>
    public required string Isa { get; init; }
    /// <summary>FP32 FMA kernel, one thread.</summary>
    public double FmaFlopsPerSSingle { get; init; }
    /// <summary>FP32 FMA kernel, all threads.</summary>
    public double FmaFlopsPerS { get; init; }
    /// <summary>FP32 MatMul of two GemmSize² matrices in ONNX Runtime (2·n³ FLOPs per run), all threads.</summary>
    public double GemmFlopsPerS { get; init; }
    /// <summary>Side of the GEMM matrices.</summary>
    public int GemmSize { get; init; }
    /// <summary>Read bandwidth (sum of an array).</summary>
    public double ReadBytesPerS { get; init; }
    /// <summary>Copy bandwidth (bytes read + bytes written, STREAM convention).</summary>
    public double CopyBytesPerS { get; init; }
    /// <summary>Triad bandwidth a = b + s·c (3 arrays counted, STREAM convention).</summary>
    public double TriadBytesPerS { get; init; }
    /// <summary>Theoretical FP32 FMA peak for <see cref="Threads"/> cores: cores × FMA pipes × lanes × 2 × clock; null when the clock is unknown.</summary>
    public double? TheoreticalFlopsPerS { get; init; }
    /// <summary>FMA pipes per core assumed in <see cref="TheoreticalFlopsPerS"/>.</summary>
    public int FmaPipesAssumed { get; init; }
    /// <summary>FP32 lanes of the FMA kernel's vectors.</summary>
    public int Lanes { get; init; }
    /// <summary>Last-level cache in MB, when known.</summary>
    public double? LastLevelCacheMb { get; init; }
    /// <summary>Memory size in GB (10^9 bytes).</summary>
    public double? MemoryGb { get; init; }
}

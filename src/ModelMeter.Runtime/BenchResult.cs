namespace ModelMeter.Runtime;

/// <summary>What a benchmark measured.</summary>
public sealed record BenchResult
{
    /// <summary>The model file asked for.</summary>
    public required string ModelPath { get; init; }
    /// <summary>ONNX Runtime version.</summary>
    public required string RuntimeVersion { get; init; }
    /// <summary>Execution provider.</summary>
    public string Provider { get; init; } = "CPUExecutionProvider";
    /// <summary>Intra-op threads requested (0 = ONNX Runtime default).</summary>
    public int Threads { get; init; }
    /// <summary>Graph optimisation level, as ONNX Runtime names it.</summary>
    public required string OptimizationLevel { get; init; }
    /// <summary>True when the model's weights were missing and random weights of the right shapes were used.</summary>
    public bool RandomWeights { get; init; }
    /// <summary>Input name → shape fed, and whether it came from a file.</summary>
    public IReadOnlyList<InputFeed> Inputs { get; init; } = [];
    /// <summary>Warm-up runs.</summary>
    public int Warmup { get; init; }
    /// <summary>Wall-clock latency of the timed runs (Stopwatch around <c>InferenceSession.Run</c>).</summary>
    public required LatencyStats Latency { get; init; }
    /// <summary>Per-node times of the timed runs from ONNX Runtime's profile; null when profiling was off.</summary>
    public ProfileSummary? Profile { get; init; }
    /// <summary>Per-node times of the fastest timed run only (what calibration fits: robust to other processes' load).</summary>
    public ProfileSummary? FastestRunProfile { get; init; }
    /// <summary>True when the profile had to be parsed with the tolerant scanner.</summary>
    public bool ProfileParsedTolerantly { get; init; }
    /// <summary>Names and op types of the nodes of the optimised graph ONNX Runtime ran (from the file it wrote).</summary>
    public IReadOnlyList<(string Name, string OpType)> OptimizedNodes { get; init; } = [];
    /// <summary>The core analysis of the optimised graph (null when it could not be analysed).</summary>
    public ModelMeter.Costs.ModelProfile? OptimizedProfile { get; init; }
    /// <summary>The optimised model file ONNX Runtime wrote (only kept when a work directory was given).</summary>
    public string? OptimizedModelPath { get; init; }
    /// <summary>Notes for the user (random weights, inputs assumed).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One input fed to the session.</summary>
/// <param name="Name">Input name.</param>
/// <param name="ElementType">Element type name.</param>
/// <param name="Shape">Shape fed.</param>
/// <param name="Source">"random" (floats in [-1,1)), "random [0,N)" (indices below the table size N), "V (a value the graph compares it with)",
/// "ones", "true", or the .npy file.</param>
public sealed record InputFeed(string Name, string ElementType, long[] Shape, string Source);

using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMeter.Costs;

namespace ModelMeter.Runtime;

/// <summary>
/// The <c>"measurement"</c> object of the JSON contract: what ONNX Runtime measured, per node joined by name to the analysed
/// optimised graph. Property names are written in snake_case (<see cref="ToJson"/>).
/// </summary>
public sealed record Measurement
{
    /// <summary>"onnxruntime X.Y.Z".</summary>
    public required string Runtime { get; init; }
    /// <summary>Execution provider.</summary>
    public required string Provider { get; init; }
    /// <summary>Intra-op threads (0 = ONNX Runtime default).</summary>
    public int Threads { get; init; }
    /// <summary>Timed runs.</summary>
    public int Runs { get; init; }
    /// <summary>Warm-up runs.</summary>
    public int Warmup { get; init; }
    /// <summary>Graph optimisation level.</summary>
    public required string OptimizationLevel { get; init; }
    /// <summary>True when the model ran with random weights (its own were missing).</summary>
    public bool RandomWeights { get; init; }
    /// <summary>What each input was fed: name, element type, shape, and the source of its values.</summary>
    public IReadOnlyList<InputFeed> Inputs { get; init; } = [];
    /// <summary>Wall-clock latency statistics, seconds.</summary>
    public required LatencyStats LatencyS { get; init; }
    /// <summary>Runs per second at the mean latency.</summary>
    public double ThroughputPerS => LatencyS.Throughput;
    /// <summary>Mean duration of ONNX Runtime's own <c>model_run</c> events, seconds (0 without a profile).</summary>
    public double ProfiledRunS { get; init; }
    /// <summary>The factor the profiled times were rescaled by: mean unprofiled run / mean profiled run (1 = as profiled).</summary>
    public double ProfileTimeScale { get; init; } = 1;
    /// <summary>Sum of the per-node times, seconds.</summary>
    public double NodeTimeS => Nodes.Sum(n => n.TimeS);
    /// <summary>Per node, in order of execution.</summary>
    public IReadOnlyList<MeasuredNode> Nodes { get; init; } = [];
    /// <summary>Share of measured node time whose node is not in the analysed graph.</summary>
    public double UnattributedFraction { get; init; }
    /// <summary>Predicted total (sum of node predictions), seconds, when predictions were made.</summary>
    public double? PredictedTimeS { get; init; }
    /// <summary>Notes (random weights, inputs assumed).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The options used to write the contract (snake_case, enums as snake_case strings).</summary>
    public static JsonSerializerOptions JsonOptions => MeasurementJsonContext.Default.Options;

    /// <summary>This measurement as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MeasurementJsonContext.Default.Measurement);

    /// <summary>
    /// Joins a benchmark to the analysis of the optimised graph ONNX Runtime wrote: by node name. Without an analysis the
    /// join uses the node names of the optimised file (costs 0).
    /// </summary>
    /// <param name="bench">The benchmark (with a profile).</param>
    /// <param name="predict">Roofline prediction per analysed node in seconds, or null.</param>
    /// <param name="optimized">The core analysis of the optimised model file; null = <see cref="BenchResult.OptimizedProfile"/>.</param>
    /// <param name="fastestRun">Use the per-node times of the fastest timed run instead of the mean over timed runs.</param>
    public static Measurement From(BenchResult bench, Func<NodeCost, double>? predict = null, ModelProfile? optimized = null, bool fastestRun = false)
    {
        var profile = fastestRun ? bench.FastestRunProfile : bench.Profile;
        optimized ??= bench.OptimizedProfile;
        var costs = new Dictionary<string, NodeCost>(StringComparer.Ordinal);
        if (optimized is not null) foreach (var n in optimized.Nodes) costs.TryAdd(n.Name, n);
        var names = new HashSet<string>(bench.OptimizedNodes.Select(n => n.Name), StringComparer.Ordinal);
        var timings = profile?.Nodes ?? [];
        var total = timings.Sum(t => t.Seconds);
        var nodes = new List<MeasuredNode>(timings.Count);
        double unattributed = 0, predictedTotal = 0;
        foreach (var t in timings)
        {
            costs.TryGetValue(t.Name, out var c);
            var attributed = c is not null || names.Contains(t.Name);
            if (!attributed) unattributed += t.Seconds;
            var counted = c is { Counted: true } && t.Seconds > 0;
            double? predicted = c is not null && predict is not null ? predict(c) : null;
            predictedTotal += predicted ?? 0;
            nodes.Add(new MeasuredNode(t.Name, t.OpType, t.Seconds, t.KernelSeconds, total > 0 ? t.Seconds / total : 0, attributed, c?.Class,
                c?.Flops ?? 0, c?.MemoryAccessBytes ?? 0,
                counted ? c!.Flops / t.Seconds : null, counted ? c!.MemoryAccessBytes / t.Seconds : null, predicted));
        }
        return new Measurement
        {
            Runtime = "onnxruntime " + bench.RuntimeVersion,
            Provider = bench.Provider,
            Threads = bench.Threads,
            Runs = bench.Latency.Count,
            Warmup = bench.Warmup,
            OptimizationLevel = bench.OptimizationLevel,
            RandomWeights = bench.RandomWeights,
            Inputs = bench.Inputs,
            LatencyS = bench.Latency,
            ProfiledRunS = profile?.MeanRunSeconds ?? 0,
            ProfileTimeScale = profile?.TimeScale ?? 1,
            Nodes = nodes,
            UnattributedFraction = total > 0 ? unattributed / total : 0,
            PredictedTimeS = predict is null || optimized is null ? null : predictedTotal,
            Notes = bench.Notes,
        };
    }
}

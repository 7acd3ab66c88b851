using Microsoft.ML.OnnxRuntime;

namespace ModelMeter.Runtime;

/// <summary>How to benchmark a model with ONNX Runtime (CPU execution provider).</summary>
/// <param name="Runs">Timed runs (at least 1).</param>
/// <param name="Warmup">Untimed warm-up runs before them.</param>
/// <param name="Threads">Intra-op threads; 0 = ONNX Runtime's default (one per physical core).</param>
/// <param name="OptimizationLevel">Graph optimisation level; null = <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>.</param>
/// <param name="Dims">Values for symbolic input dims (a symbol not given is 1).</param>
/// <param name="InputData">Input name → .npy file to feed instead of random data.</param>
/// <param name="Profile">Record ONNX Runtime's per-node profile (adds a little overhead per node).</param>
/// <param name="Seed">Seed of the random inputs (and random weights).</param>
/// <param name="WorkDirectory">Where the optimised model, profile and any random-weight copy are written; null = a new temp folder, deleted afterwards.</param>
/// <param name="InputShapes">Input name → concrete shape (<c>--input input=1x512</c>), for inputs whose dims are unnamed or to override the
/// declared ones; its rank and fixed dims must agree with the model's.</param>
public readonly record struct BenchOptions(
    int Runs = 50,
    int Warmup = 5,
    int Threads = 0,
    GraphOptimizationLevel? OptimizationLevel = null,
    IReadOnlyDictionary<string, long>? Dims = null,
    IReadOnlyDictionary<string, string>? InputData = null,
    bool Profile = true,
    int Seed = 1234,
    string? WorkDirectory = null,
    IReadOnlyDictionary<string, long[]>? InputShapes = null)
{
    /// <summary>The optimisation level in effect.</summary>
    public GraphOptimizationLevel Level => OptimizationLevel ?? GraphOptimizationLevel.ORT_ENABLE_ALL;
}

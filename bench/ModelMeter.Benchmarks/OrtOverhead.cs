using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ModelMeter.Runtime;

namespace ModelMeter.Benchmarks;

/// <summary>
/// <c>ort-overhead MODEL [RUNS] [ROUNDS]</c>: the latency <c>modelmeter bench</c> reports (its unprofiled runs) against a bare ONNX Runtime
/// session with the same options (sequential, 1 intra-op thread, ORT_ENABLE_ALL, the same inputs, no profiling), in alternating rounds
/// so that both see the same machine load; prints the median of each round's mean (docs/performance.md "bench against bare ONNX Runtime").
/// </summary>
internal static class OrtOverhead
{
    public static void Run(string model, int runs, int rounds)
    {
        var ours = new List<double>();
        var bare = new List<double>();
        var options = new BenchOptions(Runs: runs, Warmup: 5, Threads: 1);
        for (int round = 0; round < rounds; round++)
        {
            var r = Bencher.Run(model, options);
            ours.Add(r.Latency.Mean);
            bare.Add(Bare(model, r.Inputs, runs, 5));
        }
        double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
        double o = Median(ours), b = Median(bare);
        Console.WriteLine($"model,runs,rounds,bench_mean_ms,bare_mean_ms,overhead_pct");
        Console.WriteLine($"{Path.GetFileName(model)},{runs},{rounds},{o * 1e3:F3},{b * 1e3:F3},{(o / b - 1) * 100:F2}");
    }

    /// <summary>Mean latency of a bare session: the same options as <c>bench</c>'s unprofiled session, zero-filled inputs of the shapes bench fed.</summary>
    private static double Bare(string model, IReadOnlyList<InputFeed> feeds, int runs, int warmup)
    {
        using var so = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1, IntraOpNumThreads = 1,
        };
        using var session = new InferenceSession(model, so);
        var names = new List<string>();
        var values = new List<OrtValue>();
        foreach (var f in feeds)
        {
            names.Add(f.Name);
            values.Add(string.Equals(f.ElementType, "float", StringComparison.OrdinalIgnoreCase)
                ? OrtValue.CreateTensorValueFromMemory(new float[f.Shape.Aggregate(1L, (a, d) => a * d)], f.Shape)
                : OrtValue.CreateTensorValueFromMemory(new long[f.Shape.Aggregate(1L, (a, d) => a * d)], f.Shape));
        }
        var outputs = session.OutputMetadata.Keys.ToArray();
        using var ro = new RunOptions();
        for (int i = 0; i < warmup; i++) { using var _ = session.Run(ro, names, values, outputs); }
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) { using var _ = session.Run(ro, names, values, outputs); }
        var mean = sw.Elapsed.TotalSeconds / runs;
        foreach (var v in values) v.Dispose();
        return mean;
    }
}

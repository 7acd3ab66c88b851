using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Runtime.Internals;
using ModelMeter.Shapes;

namespace ModelMeter.Runtime;

/// <summary>Runs a model with ONNX Runtime (CPU execution provider): warm-up, timed runs, and the per-node profile.</summary>
public static class Bencher
{
    /// <summary>Benchmarks the ONNX file at <paramref name="modelPath"/>.</summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="options">Runs, threads, dims, inputs.</param>
    /// <param name="progress">Receives progress after each run.</param>
    /// <remarks>The model is read with <see cref="OnnxReader"/> (for the safe range of integer inputs and missing weights); a model
    /// whose weights are missing runs as a copy with random weights (<see cref="BenchResult.RandomWeights"/>). The optimised graph
    /// ONNX Runtime writes is analysed with the core (<see cref="BenchResult.OptimizedProfile"/>) so the profile joins by name.</remarks>
    public static BenchResult Run(string modelPath, BenchOptions options, IProgress<BenchProgress>? progress = null)
    {
        if (options.Runs < 1) throw ModelMeterException.Usage("--runs must be at least 1");
        if (options.Warmup < 0) throw ModelMeterException.Usage("--warmup must not be negative");
        if (options.Threads < 0) throw ModelMeterException.Usage("--threads must not be negative");
        if (!File.Exists(modelPath)) throw ModelMeterException.BadModel(modelPath, "file not found");
        var ownDir = options.WorkDirectory is null;
        var dir = options.WorkDirectory ?? Directory.CreateTempSubdirectory("modelmeter-bench-").FullName;
        Directory.CreateDirectory(dir);
        try
        {
            var model = OnnxReader.Read(modelPath);
            var runnable = modelPath;
            var random = RandomWeights.Needed(model);
            if (random)
            {
                runnable = Path.Combine(dir, "random_weights.onnx");
                OnnxWriter.Write(RandomWeights.Fill(model, options.Seed), runnable);
            }
            return RunIn(modelPath, runnable, random, options, model.Graph, progress, dir, ownDir);
        }
        finally
        {
            if (ownDir) TryDelete(dir);
        }
    }

    /// <summary>Runs <paramref name="runnablePath"/> (the model itself, or a copy with random weights) and reports for <paramref name="modelPath"/>.</summary>
    internal static BenchResult RunIn(string modelPath, string runnablePath, bool randomWeights, BenchOptions options, Graph? graph,
        IProgress<BenchProgress>? progress, string dir, bool ownDir)
    {
        var optimized = Path.Combine(dir, "optimized.onnx");
        // Latency comes from a session without profiling (what a deployment runs); per-node times from a second, profiled
        // session over the same inputs, rescaled by the ratio of the two sessions' mean wall-clock times (labelled in the notes).
        using var so = SessionOptionsFor(options, optimized, profilePrefix: null);
        var session = Open(modelPath, runnablePath, so);
        using (session)
        {
            var inputDims = InputDims.Resolve(session.InputMetadata, options.Dims);
            foreach (var k in (options.InputShapes?.Keys ?? []).Concat(options.InputData?.Keys ?? []).Where(k => !session.InputMetadata.ContainsKey(k)))
                throw ModelMeterException.Usage($"--input/--input-data {k}: the model has no input '{k}' (inputs: {string.Join(", ", session.InputMetadata.Keys)})");
            var factory = new InputFactory(graph, inputDims, options.InputShapes, new Random(options.Seed));
            var names = new List<string>();
            var values = new List<OrtValue>();
            var feeds = new List<InputFeed>();
            try
            {
                foreach (var (name, meta) in session.InputMetadata)
                {
                    var (v, feed) = options.InputData is not null && options.InputData.TryGetValue(name, out var file)
                        ? InputFactory.FromNpy(name, meta, ReadNpy(name, file), file)
                        : factory.Create(name, meta);
                    names.Add(name); values.Add(v); feeds.Add(feed);
                }
                var outputs = session.OutputMetadata.Keys.ToArray();
                using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
                double[] Timed(InferenceSession s, int warmup, int runs, string stage)
                {
                    for (int i = 0; i < warmup; i++) { RunOnce(s); progress?.Report(new(stage == "timed" ? "warmup" : "profiled-warmup", i + 1, warmup)); }
                    var times = new double[runs];
                    for (int i = 0; i < runs; i++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        RunOnce(s);
                        times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                        progress?.Report(new(stage, i + 1, runs));
                    }
                    return times;
                }
                void RunOnce(InferenceSession s)
                {
                    try
                    {
                        using var r = s.Run(runOptions, names, values, outputs);
                    }
                    catch (OnnxRuntimeException e)
                    {
                        throw new ModelMeterException(ErrorKind.Runtime, $"{modelPath}: run failed: {OneLine(e.Message)} (inputs fed: " +
                            string.Join(", ", feeds.Select(f => $"{f.Name} {f.ElementType}[{string.Join(",", f.Shape)}]")) + "; set sizes with --dim NAME=V or --input NAME=DxD)", e);
                    }
                }
                var times = Timed(session, options.Warmup, options.Runs, "timed");
                var latency = LatencyStats.From(times);
                ProfileTrace? trace = null;
                double scale = 1;
                int profiledWarmup = ProfiledWarmup(options), profiledRuns = ProfiledRuns(options);
                if (options.Profile)
                {
                    using var pso = SessionOptionsFor(options, null, Path.Combine(dir, "ort_profile"));
                    using var profiled = Open(modelPath, runnablePath, pso);
                    var ptimes = Timed(profiled, profiledWarmup, profiledRuns, "profiled");
                    var file = profiled.EndProfiling();
                    trace = ProfileTrace.Load(Path.IsPathRooted(file) ? file : Path.Combine(Environment.CurrentDirectory, file));
                    scale = latency.Mean / LatencyStats.From(ptimes).Mean; // means: the rescaled node sum stays within the unprofiled latency
                }
                var notes = new List<string>();
                var scanned = File.Exists(optimized) ? OnnxNodeScanner.Scan(optimized) : [];
                var optimizedModel = ReadOptimized(optimized, notes);
                var ourNames = optimizedModel?.Graph.Nodes.Select(n => n.Name).ToList();
                var profile = trace?.Summarize(profiledWarmup).Scaled(scale);
                var map = ProfileNames.Map(scanned, ourNames, profile?.Nodes.Select(n => (n.Name, n.OpType)) ?? []);
                if (trace is not null)
                    notes.Add($"per-node times: {profiledRuns} separate profiled run{(profiledRuns == 1 ? "" : "s")} (after {profiledWarmup} warm-up), rescaled × {scale.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} "
                        + "(mean unprofiled / mean profiled run: profiling's own overhead); latency: the unprofiled runs");
                if (randomWeights) notes.Add("the model's weights are missing: it ran with random weights of the right shapes");
                notes.AddRange(feeds.Where(f => f.Source == "ones").Select(f => $"integer input '{f.Name}' has no index bound in the graph: fed with ones"));
                return new BenchResult
                {
                    ModelPath = modelPath,
                    RuntimeVersion = OrtEnv.Instance().GetVersionString(),
                    Threads = options.Threads,
                    OptimizationLevel = options.Level.ToString(),
                    RandomWeights = randomWeights,
                    Inputs = feeds,
                    Warmup = options.Warmup,
                    Latency = latency,
                    Profile = profile is null ? null : ProfileNames.Rename(profile, map),
                    FastestRunProfile = trace is null ? null : ProfileNames.Rename(trace.Summarize(profiledWarmup, fastestOnly: true).Scaled(scale), map),
                    ProfileParsedTolerantly = trace?.ParsedTolerantly ?? false,
                    OptimizedNodes = ourNames is not null && ourNames.Count == scanned.Count ? scanned.Select((s, i) => (ourNames[i], s.OpType)).ToList() : scanned,
                    OptimizedProfile = AnalyzeOptimized(optimizedModel, feeds, notes),
                    OptimizedModelPath = ownDir ? null : optimized,
                    Notes = notes,
                };
            }
            finally
            {
                foreach (var v in values) v.Dispose();
            }
        }
    }

    /// <summary>Most profiled runs (per-node times) after the unprofiled timed runs: enough for stable per-node means.</summary>
    public const int MaxProfiledRuns = 20;

    /// <summary>Most warm-up runs of the profiled session.</summary>
    public const int MaxProfiledWarmup = 2;

    /// <summary>Warm-up runs of the profiled session under <paramref name="options"/> (0 without a profile).</summary>
    public static int ProfiledWarmup(BenchOptions options) => options.Profile ? Math.Min(options.Warmup, MaxProfiledWarmup) : 0;

    /// <summary>Profiled runs (per-node times) under <paramref name="options"/> (0 without a profile).</summary>
    public static int ProfiledRuns(BenchOptions options) => options.Profile ? Math.Min(options.Runs, MaxProfiledRuns) : 0;

    static SessionOptions SessionOptionsFor(BenchOptions options, string? optimizedPath, string? profilePrefix)
    {
        var so = new SessionOptions
        {
            GraphOptimizationLevel = options.Level,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
            // Errors come back as exceptions and are reported once, on one line; ONNX Runtime's own log would repeat them on stderr.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        if (optimizedPath is not null) so.OptimizedModelFilePath = optimizedPath;
        if (options.Threads > 0) so.IntraOpNumThreads = options.Threads;
        if (profilePrefix is not null)
        {
            // The prefix must be set first: the EnableProfiling setter passes the current prefix to ONNX Runtime.
            so.ProfileOutputPathPrefix = profilePrefix;
            so.EnableProfiling = true;
        }
        return so;
    }

    static InferenceSession Open(string modelPath, string runnablePath, SessionOptions so)
    {
        try { return new InferenceSession(runnablePath, so); }
        catch (OnnxRuntimeException e) { throw new ModelMeterException(ErrorKind.Runtime, $"{modelPath}: ONNX Runtime cannot load the model: {OneLine(e.Message)}", e); }
    }

    /// <summary>Reads the optimised graph ONNX Runtime wrote; null (and a note) when it is missing or unreadable.</summary>
    static Model? ReadOptimized(string path, List<string> notes)
    {
        if (!File.Exists(path)) return null;
        try { return OnnxReader.Read(path); }
        catch (ModelMeterException e)
        {
            notes.Add("the optimised graph could not be read (" + e.Message + "): per-node costs are 0");
            return null;
        }
    }

    /// <summary>Analyses the optimised graph with the shapes the inputs really had (so derived dims and --input shapes agree with the run).</summary>
    static Costs.ModelProfile? AnalyzeOptimized(Model? model, IReadOnlyList<InputFeed> feeds, List<string> notes)
    {
        if (model is null) return null;
        try
        {
            var shapes = feeds.ToDictionary(f => f.Name, f => Shape.Of(f.Shape), StringComparer.Ordinal);
            return Analyzer.Analyze(model, new ShapeOptions(InputShapes: shapes));
        }
        catch (ModelMeterException e)
        {
            notes.Add("the optimised graph could not be analysed (" + e.Message + "): per-node costs are 0");
            return null;
        }
    }

    /// <summary>Reads a --input-data file; a file we cannot read is the user's argument, so a usage error naming it.</summary>
    static NpyArray ReadNpy(string input, string file)
    {
        try { return NpyReader.Read(file); }
        catch (ModelMeterException e) when (e.Kind == ErrorKind.BadModel)
        {
            throw new ModelMeterException(ErrorKind.Usage, $"--input-data {input}={file}: {e.Message}", e);
        }
    }

    static string OneLine(string message) => string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

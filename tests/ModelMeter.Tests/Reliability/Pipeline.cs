using System.Diagnostics;
using ModelMeter.Costs;
using ModelMeter.Onnx;

namespace ModelMeter.Tests.Reliability;

/// <summary>Runs the whole pipeline (read, infer, cost) on hostile bytes and classifies the ending.</summary>
internal static class Pipeline
{
    /// <summary>Longest single run seen by this process (reported in docs/reliability.md).</summary>
    public static TimeSpan Longest { get; private set; }

    /// <summary>Most bytes one run allocated.</summary>
    public static long MostAllocated { get; private set; }

    /// <summary>Reads and analyses; returns the profile, or the clean error. Any other exception escapes.</summary>
    public static Outcome Run(byte[] bytes, string displayPath = "hostile.onnx")
        => Measure(() => Analyzer.Analyze(OnnxReader.Read(bytes, displayPath)));

    /// <summary>Same for a file on disk (external data is resolved against its folder).</summary>
    public static Outcome RunFile(string path) => Measure(() => Analyzer.Analyze(OnnxReader.Read(path)));

    private static Outcome Measure(Func<ModelProfile> run)
    {
        var sw = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Outcome result;
        try
        {
            result = new Outcome(run(), null);
        }
        catch (ModelMeterException ex)
        {
            result = new Outcome(null, ex);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        lock (typeof(Pipeline))
        {
            if (sw.Elapsed > Longest) Longest = sw.Elapsed;
            if (allocated > MostAllocated) MostAllocated = allocated;
        }
        return result with { Elapsed = sw.Elapsed, Allocated = allocated };
    }
}

/// <summary>How one run ended: a profile or a <see cref="ModelMeterException"/>.</summary>
internal sealed record Outcome(ModelProfile? Profile, ModelMeterException? Error)
{
    public TimeSpan Elapsed { get; init; }

    public long Allocated { get; init; }

    public bool IsBadModel => Error is { Kind: ErrorKind.BadModel };

    public bool HasDiagnostic => Profile is { Diagnostics.Count: > 0 };

    public override string ToString() => Error is not null ? $"error {Error.Kind}: {Error.Message}" :
        $"profile, {Profile!.Diagnostics.Count} diagnostics: {string.Join(" | ", Profile.Diagnostics.Take(3))}; nodes: " +
        string.Join(" | ", Profile.Nodes.Take(3).Select(n => $"{n.OpType} -> {string.Join(",", n.Outputs.Select(o => o.Shape?.ToString() ?? "?"))}"));
}

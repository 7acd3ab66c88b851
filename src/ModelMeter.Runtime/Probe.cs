using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Runtime.Internals;

namespace ModelMeter.Runtime;

/// <summary>Measures this machine: FP32 FMA peak (one and all threads), ONNX Runtime's GEMM rate, and memory bandwidth.</summary>
public static class Probe
{
    /// <summary>Runs every probe; <paramref name="progress"/> gets (step name, fraction done).</summary>
    public static ProbeResult Run(ProbeOptions options = default, IProgress<(string Step, double Fraction)>? progress = null)
    {
        if (options.Repeats < 1) throw ModelMeterException.Usage("probe repeats must be at least 1");
        if (options.ArrayMegabytes < 1 || options.GemmSize < 16) throw ModelMeterException.Usage("probe sizes too small");
        var threads = options.ThreadCount;
        progress?.Report(("FMA, one thread", 0));
        var single = FmaPeak(1, options);
        progress?.Report(($"FMA, {threads} threads", 0.2));
        var all = FmaPeak(threads, options);
        progress?.Report(("ONNX Runtime MatMul", 0.4));
        var gemm = GemmPeak(threads, options);
        progress?.Report(("memory bandwidth", 0.7));
        var (read, copy, triad) = Bandwidth(threads, options);
        progress?.Report(("done", 1));
        var cpu = CpuInfo.Read();
        var lanes = ProbeKernels.Lanes;
        const int pipes = 2;
        return new ProbeResult
        {
            CpuModel = cpu.Model,
            ClockMhz = cpu.Mhz,
            Threads = threads,
            Isa = ProbeKernels.Isa,
            FmaFlopsPerSSingle = single,
            FmaFlopsPerS = all,
            GemmFlopsPerS = gemm,
            GemmSize = options.GemmSize,
            ReadBytesPerS = read,
            CopyBytesPerS = copy,
            TriadBytesPerS = triad,
            FmaPipesAssumed = pipes,
            Lanes = lanes,
            TheoreticalFlopsPerS = cpu.Mhz * 1e6 * threads * pipes * lanes * 2,
            LastLevelCacheMb = cpu.CacheMb,
            MemoryGb = cpu.MemoryGb,
        };
    }

    /// <summary>Best FLOP/s of the FMA kernel on <paramref name="threads"/> threads.</summary>
    public static double FmaPeak(int threads, ProbeOptions options)
    {
        // Calibrate the iteration count to about FmaSeconds on one thread.
        long iters = 1 << 16;
        double secs;
        while ((secs = ProbeKernels.Parallel(1, k => ProbeKernels.FmaChains(iters, out _))) < options.FmaSeconds / 8) iters *= 2;
        iters = Math.Max(1, (long)(iters * options.FmaSeconds / secs));
        var flopsPerThread = iters * ProbeKernels.FmaChains(1, out _);
        double best = 0;
        for (int r = 0; r < options.Repeats; r++)
        {
            var t = ProbeKernels.Parallel(threads, k => ProbeKernels.FmaChains(iters, out _));
            best = Math.Max(best, flopsPerThread * threads / t);
        }
        return best;
    }

    /// <summary>Best FLOP/s of ONNX Runtime's MatMul of two n×n FP32 matrices (a one-node model written with <see cref="OnnxWriter"/>).</summary>
    public static double GemmPeak(int threads, ProbeOptions options)
    {
        var n = options.GemmSize;
        var dir = Directory.CreateTempSubdirectory("modelmeter-probe-").FullName;
        try
        {
            var path = Path.Combine(dir, "matmul.onnx");
            var t = TensorType.Of(DataType.Float, n, n);
            var model = new Model
            {
                Path = path,
                Opsets = new Dictionary<string, long> { [""] = 17 },
                Graph = new Graph
                {
                    Name = "gemm_probe",
                    Nodes = [new Node { Name = "matmul", OpType = "MatMul", Inputs = ["A", "B"], Outputs = ["Y"] }],
                    Inputs = [new ValueInfo("A", t), new ValueInfo("B", t)],
                    Outputs = [new ValueInfo("Y", t)],
                },
            };
            OnnxWriter.Write(model, path);
            using var so = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            using var session = new InferenceSession(path, so);
            var rnd = new Random(7);
            var a = new float[n * n];
            var b = new float[n * n];
            for (int i = 0; i < a.Length; i++) { a[i] = (float)rnd.NextDouble(); b[i] = (float)rnd.NextDouble(); }
            using var va = OrtValue.CreateTensorValueFromMemory(a, [n, n]);
            using var vb = OrtValue.CreateTensorValueFromMemory(b, [n, n]);
            using var ro = new RunOptions();
            var flops = 2.0 * n * n * n;
            double best = 0;
            for (int r = 0; r <= options.Repeats; r++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using (session.Run(ro, ["A", "B"], [va, vb], ["Y"])) { }
                var s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                if (r > 0) best = Math.Max(best, flops / s); // run 0 warms up
            }
            return best;
        }
        finally
        {
            try { Directory.Delete(dir, true); }
            catch (IOException) { }
        }
    }

    /// <summary>Best read, copy and triad bandwidth in bytes/s over three arrays of ArrayMegabytes MiB each.</summary>
    public static (double Read, double Copy, double Triad) Bandwidth(int threads, ProbeOptions options)
    {
        var n = options.ArrayMegabytes * (1L << 20) / sizeof(float);
        var a = GC.AllocateUninitializedArray<float>((int)n);
        var b = GC.AllocateUninitializedArray<float>((int)n);
        var c = GC.AllocateUninitializedArray<float>((int)n);
        // Touch every page on the threads that will use it.
        ProbeKernels.Parallel(threads, k => { var (o, l) = Slice(n, threads, k); a.AsSpan(o, l).Fill(1); b.AsSpan(o, l).Fill(2); c.AsSpan(o, l).Fill(3); });
        double bytes = n * 4.0, read = 0, copy = 0, triad = 0;
        for (int r = 0; r < options.Repeats; r++)
        {
            read = Math.Max(read, bytes / ProbeKernels.Parallel(threads, k => { var (o, l) = Slice(n, threads, k); ProbeKernels.Read(a.AsSpan(o, l)); }));
            copy = Math.Max(copy, 2 * bytes / ProbeKernels.Parallel(threads, k => { var (o, l) = Slice(n, threads, k); a.AsSpan(o, l).CopyTo(c.AsSpan(o, l)); }));
            triad = Math.Max(triad, 3 * bytes / ProbeKernels.Parallel(threads, k => { var (o, l) = Slice(n, threads, k); ProbeKernels.Triad(a.AsSpan(o, l), b.AsSpan(o, l), c.AsSpan(o, l), 3f); }));
        }
        GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(c);
        return (read, copy, triad);
    }

    static (int Offset, int Length) Slice(long n, int parts, int k)
    {
        var per = n / parts;
        var o = per * k;
        return ((int)o, (int)(k == parts - 1 ? n - o : per));
    }
}

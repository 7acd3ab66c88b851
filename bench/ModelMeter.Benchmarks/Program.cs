using System.Diagnostics;
using BenchmarkDotNet.Running;
using ModelMeter.Onnx;

namespace ModelMeter.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (e.g. <c>--filter *Reader* --job short</c>);
/// <c>graph-size [N…]</c> writes Add chains of N nodes (default 1k…300k) and prints one quick timing per stage.
/// <c>ort-overhead MODEL [RUNS] [ROUNDS]</c> compares <c>bench</c>'s latency with a bare ONNX Runtime session.
/// <c>html PATH</c> writes the 10,000-node workbench page (size and browser load time in docs/performance.md).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["html", var page])
        {
            HtmlReportBenchmarks.Write(page); // the 10,000-node workbench page, for its size and load time
            return;
        }
        if (args.Length > 1 && args[0] == "ort-overhead")
        {
            OrtOverhead.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100,
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }
        if (args.Length > 0 && args[0] == "graph-size")
        {
            GraphSize(args.Length > 1 ? [.. args.Skip(1).Select(int.Parse)] : [1_000, 10_000, 100_000, 300_000]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void GraphSize(int[] sizes)
    {
        // MODELMETER_GRAPH_DIR keeps the files (for whole-process runs of the CLI on them: bench/graph-size.sh)
        var keep = Environment.GetEnvironmentVariable("MODELMETER_GRAPH_DIR");
        var dir = keep ?? Directory.CreateTempSubdirectory("mm-graph-size-").FullName;
        Directory.CreateDirectory(dir);
        Console.WriteLine("nodes,file_bytes,read_ms,analyze_ms,allocated_mb,us_per_node,kb_per_node");
        foreach (var n in sizes)
        {
            var path = AddChain.File(n, dir);
            for (int rep = 0; rep < 2; rep++) // the first pass warms the JIT
            {
                GC.Collect();
                long before = GC.GetTotalAllocatedBytes(true);
                var sw = Stopwatch.StartNew();
                var model = OnnxReader.Read(path);
                var read = sw.Elapsed.TotalMilliseconds;
                var inferred = ModelMeter.Shapes.ShapeEngine.Infer(model);
                var shapes = sw.Elapsed.TotalMilliseconds;
                var profile = ModelMeter.Costs.CostCalculator.Compute(inferred);
                var total = sw.Elapsed.TotalMilliseconds;
                if (Environment.GetEnvironmentVariable("MM_STAGES") is not null) Console.Error.WriteLine($"  shapes {shapes - read:F1} ms, costs {total - shapes:F1} ms");
                long alloc = GC.GetTotalAllocatedBytes(true) - before;
                if (rep == 1 || n >= 100_000)
                {
                    Console.WriteLine($"{n},{new FileInfo(path).Length},{read:F1},{total - read:F1},{alloc / 1e6:F1},{total * 1000 / n:F2},{alloc / 1024.0 / n:F2}");
                    break;
                }
                GC.KeepAlive(profile);
            }
        }
        if (keep is null) Directory.Delete(dir, true);
    }
}

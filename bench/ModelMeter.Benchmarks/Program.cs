using BenchmarkDotNet.Running;

namespace ModelMeter.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (e.g. <c>--filter *Reader* --job short</c>); <c>html PATH</c> writes the
/// 10,000-node workbench page.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["html", var path]) HtmlReportBenchmarks.Write(path); // the 10,000-node workbench page, for its size and load time
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

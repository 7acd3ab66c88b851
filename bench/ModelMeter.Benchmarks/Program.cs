using BenchmarkDotNet.Running;

namespace ModelMeter.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (e.g. <c>--filter *Reader* --job short</c>).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

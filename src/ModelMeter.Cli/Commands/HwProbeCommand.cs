using System.CommandLine;
using ModelMeter.Cli.Internals;
using ModelMeter.Runtime;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter hw probe</c>: this machine's FP32 FMA peak, ONNX Runtime GEMM rate and memory bandwidth as a hardware entry.</summary>
internal static class HwProbeCommand
{
    /// <summary>The <c>probe</c> subcommand (to add to the <c>hw</c> group).</summary>
    public static Command Create(CliContext context)
    {
        var threads = new Option<int>("--threads") { Description = "Threads for the all-threads figures (0 = all processors)", DefaultValueFactory = _ => 0 };
        var repeats = new Option<int>("--repeats") { Description = "Each figure is the best of this many runs", DefaultValueFactory = _ => 5 };
        var id = new Option<string>("--id") { Description = "Id of the entry written", DefaultValueFactory = _ => "local" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the hardware JSON to FILE (usable with --hw-file)" };
        var cmd = new Command("probe", "Measure this machine: FP32 FMA peak, ONNX Runtime MatMul rate, memory bandwidth") { threads, repeats, id, output };
        cmd.SetAction(p =>
        {
            var options = new ProbeOptions(Threads: p.GetValue(threads), Repeats: p.GetValue(repeats));
            var r = RuntimeCli.WithProgress(context, "probe", report => Probe.Run(options, new Progress(report)));
            context.Error.WriteLine($"{r.CpuModel}, {r.Threads} thread(s), {r.Isa}");
            context.Error.WriteLine($"  FMA peak      {RuntimeCli.Rate(r.FmaFlopsPerSSingle, "FLOP/s")} (1 thread)  {RuntimeCli.Rate(r.FmaFlopsPerS, "FLOP/s")} ({r.Threads} threads)" +
                (r.TheoreticalFlopsPerS is { } th ? $"  = {RuntimeCli.F(r.FmaFlopsPerS / th * 100, "F0")}% of theoretical {RuntimeCli.Rate(th, "FLOP/s")}" : ""));
            context.Error.WriteLine($"  ORT MatMul    {RuntimeCli.Rate(r.GemmFlopsPerS, "FLOP/s")} ({r.GemmSize}x{r.GemmSize})");
            context.Error.WriteLine($"  bandwidth     read {RuntimeCli.Rate(r.ReadBytesPerS, "B/s")}  copy {RuntimeCli.Rate(r.CopyBytesPerS, "B/s")}  triad {RuntimeCli.Rate(r.TriadBytesPerS, "B/s")}");
            RuntimeCli.Emit(context, p.GetValue(output), HardwareJson.Serialize(r, p.GetValue(id) ?? "local") + "\n");
            return 0;
        });
        return cmd;
    }

    /// <summary>A <c>hw</c> group holding only <c>probe</c>, for as long as no other <c>hw</c> group is registered.</summary>
    public static Command CreateGroup(CliContext context) => new("hw", "Hardware: probe this machine") { Create(context) };

    sealed class Progress(Action<string, double> f) : IProgress<(string Step, double Fraction)>
    {
        public void Report((string Step, double Fraction) value) => f(value.Step, value.Fraction);
    }
}

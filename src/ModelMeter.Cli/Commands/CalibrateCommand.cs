using System.CommandLine;
using ModelMeter.Cli.Internals;
using ModelMeter.Hardware;
using ModelMeter.Roofline;
using ModelMeter.Runtime;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter calibrate MODEL… --hw-file local.json -o calibrated.json</c>: fit per-op-class efficiencies and overheads.</summary>
internal static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var models = new Argument<string[]>("MODEL") { Description = "ONNX files (with weights, or graph-only: random weights) to measure", Arity = ArgumentArity.OneOrMore };
        var hwFile = new Option<string?>("--hw-file") { Description = "Hardware JSON of this machine (from `modelmeter hw probe`)" };
        var hw = new Option<string?>("--hw") { Description = "Hardware id (catalog, or an entry of --hw-file)" };
        var runs = new Option<int>("--runs") { Description = "Timed runs per model", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up runs per model", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = its default)", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the calibrated hardware JSON to FILE (else stdout)" };
        var cmd = new Command("calibrate", "Fit per-op-class compute/bandwidth efficiencies and per-node overhead from measured runs") { models, hwFile, hw, runs, warmup, threads, output };
        cmd.SetAction(p =>
        {
            var spec = RuntimeCli.Hardware(p.GetValue(hwFile), p.GetValue(hw)) ?? throw ModelMeterException.Usage("calibrate needs --hw-file FILE (from `modelmeter hw probe`) or --hw ID");
            var options = new BenchOptions(Runs: p.GetValue(runs), Warmup: p.GetValue(warmup), Threads: p.GetValue(threads));
            var measured = new List<(string Model, Costs.ModelProfile Profile, Measurement M, IReadOnlyList<CalibrationSample> Samples)>();
            foreach (var m in p.GetValue(models) ?? [])
            {
                var r = BenchCommand.Measure(context, m, options);
                if (r.OptimizedProfile is null) { context.Error.WriteLine($"modelmeter: warning: {m}: optimised graph not analysed; skipped"); continue; }
                var meas = Measurement.From(r, fastestRun: true);
                measured.Add((m, r.OptimizedProfile, meas, Calibrator.Samples(Path.GetFileName(m), r.OptimizedProfile, meas, spec)));
            }
            if (measured.Count == 0) throw ModelMeterException.Usage("no model could be measured");
            var all = measured.SelectMany(x => x.Samples).ToList();
            var cal = Calibrator.Fit(all, $"modelmeter calibrate on {string.Join(", ", measured.Select(x => Path.GetFileName(x.Model)))}, {DateTime.UtcNow:yyyy-MM-dd}");
            WriteValidation(context, spec, measured.Select(x => (x.Model, x.Profile, x.M, x.Samples)).ToList());
            RuntimeCli.Emit(context, p.GetValue(output), HardwareJsonWriter.Serialize([spec with { Calibration = cal }]) + "\n");
            return 0;
        });
        return cmd;
    }

    /// <summary>Leave-one-out: each model predicted with factors fitted on the others only (stderr, Markdown); measured = the fastest run.</summary>
    static void WriteValidation(CliContext context, HardwareSpec hw, List<(string Model, Costs.ModelProfile Profile, Measurement M, IReadOnlyList<CalibrationSample> Samples)> ms)
    {
        context.Error.WriteLine("| model | measured | plain roofline | error | calibrated on the others | error |");
        context.Error.WriteLine("|---|---|---|---|---|---|");
        foreach (var x in ms)
        {
            var measured = x.M.ProfiledRunS;
            var plain = x.Profile.Estimate(hw, new EstimateOptions(IgnoreCalibration: true)).LatencyS;
            var others = ms.Where(o => o.Model != x.Model).SelectMany(o => o.Samples).ToList();
            string cal = "–", calErr = "–";
            if (others.Count > 0)
            {
                var c = x.Profile.Estimate(hw with { Calibration = Calibrator.Fit(others) }).LatencyS;
                cal = RuntimeCli.Time(c);
                calErr = RuntimeCli.F((c - measured) / measured * 100, "+0.0;-0.0;0.0") + "%";
            }
            context.Error.WriteLine($"| {Path.GetFileName(x.Model)} | {RuntimeCli.Time(measured)} | {RuntimeCli.Time(plain)} | " +
                                    $"{RuntimeCli.F((plain - measured) / measured * 100, "+0.0;-0.0;0.0")}% | {cal} | {calErr} |");
        }
    }
}

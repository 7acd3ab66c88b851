using System.CommandLine;
using Spectre.Console;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Hardware;
using ModelMeter.Llm;
using ModelMeter.Reports;
using ModelMeter.Roofline;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter llm CONFIG|NAME --hw ID …</c>: prefill and decode of a transformer LLM on a chip; <c>llm list</c>: built-in configs.</summary>
internal static class LlmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A .gguf, a .safetensors (config.json beside it), a model folder, a model.safetensors.index.json, a Hugging Face config.json, or a built-in name (see `modelmeter llm list`)" };
        var hw = new Option<string?>("--hw") { Description = "Hardware id (see `modelmeter hw list`)" };
        var hwFile = HardwareOptions.HwFile();
        var batch = new Option<string[]>("--batch") { Description = "Batch sizes: 1,8,32 (default 1)" };
        var prompt = new Option<int>("--prompt") { Description = "Prompt tokens per sequence", DefaultValueFactory = _ => 1024 };
        var generate = new Option<int>("--generate") { Description = "Tokens generated per sequence", DefaultValueFactory = _ => 256 };
        var quant = new Option<string>("--quant") { Description = "w16a16|w8a8|w8a16|w4a16|fp8, or a llama.cpp type (q4_0, q8_0, q4_k_m, q6_k, iq4_xs, …); a checkpoint's stored weights when not given", DefaultValueFactory = _ => "w16a16" };
        var tensors = new Option<bool>("--tensors") { Description = "Print the stored weights per row (a checkpoint, or a llama.cpp --quant plan)" };
        var kv = new Option<string>("--kv-dtype") { Description = "KV-cache element type: fp16|fp8|int8", DefaultValueFactory = _ => "fp16" };
        var tp = new Option<int>("--tp") { Description = "Tensor-parallel degree (chips)", DefaultValueFactory = _ => 1 };
        var flash = new Option<bool>("--flash") { Description = "FlashAttention-style fused attention (no score matrix in memory)" };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(AnalyzeCommand.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE (atomically) instead of stdout" };
        var serve = new LlmServe();
        var engine = HardwareOptions.Engine();
        var cmd = new Command("llm", "Transformer LLM on a chip: TTFT, TPOT, tokens/s, KV cache, memory fit (roofline)")
        {
            model, hw, hwFile, batch, prompt, generate, quant, kv, tp, flash, tensors, format, output, engine,
        };
        var list = new Command("list", "List the built-in configs");
        list.SetAction(_ =>
        {
            foreach (var name in LlmConfigLoader.BuiltInNames)
            {
                var c = LlmConfigLoader.BuiltIn(name);
                var p = LlmParamCount.Of(c);
                var active = p.Active != p.Total ? $", {p.Active / 1e9:0.##} B active" : "";
                context.Out.WriteLine(FormattableString.Invariant($"{name,-18} {p.Total / 1e9,7:0.##} B params{active}  ({c.ModelType}; {c.Layers} layers, hidden {c.Hidden}, {c.Heads} heads / {c.KvHeads} KV)"));
            }
            return 0;
        });
        foreach (var o in serve.All) cmd.Options.Add(o);
        cmd.Subcommands.Add(list);
        cmd.SetAction(p =>
        {
            var parsed = LlmQuant.Parse(p.GetValue(quant), p.GetValue(kv));
            // first: a file that is neither a config nor a checkpoint is refused (by its first bytes) before anything else
            var (config, q, quantNotes) = LlmWeightReport.Apply(LlmCheckpoint.Resolve(p.GetValue(model)!), parsed, p.GetResult(quant) is { Implicit: false });
            var options = new LlmOptions(q, p.GetValue(tp), p.GetValue(flash));
            var hwId = p.GetValue(hw) ?? throw ModelMeterException.Usage("llm: --hw ID is required (e.g. --hw h100-sxm; see `modelmeter hw list`)");
            if (p.GetValue(tp) < 1) throw ModelMeterException.Usage($"--tp {p.GetValue(tp)}: must be at least 1");
            var batches = HardwareOptions.Batches(p.GetValue(batch));
            var chip = HardwareOptions.Catalog(p.GetValue(hwFile)).Get(hwId);
            int promptTokens = p.GetValue(prompt), generateTokens = p.GetValue(generate);
            // The defaults (1024 + 256) shrink to fit a model with a short learned position table (gpt2: 1024 positions);
            // numbers the user gave are never changed (an overlong request is a usage error).
            if (config.LearnedPositionRows > 0 && config.MaxPositions > 0 && promptTokens + generateTokens > config.MaxPositions
                && p.GetResult(prompt) is null or { Implicit: true } && p.GetResult(generate) is null or { Implicit: true })
            {
                generateTokens = Math.Min(generateTokens, config.MaxPositions / 4);
                promptTokens = config.MaxPositions - generateTokens;
                context.Error.WriteLine($"modelmeter: note: {config.Name} has {config.MaxPositions} positions: using --prompt {promptTokens} --generate {generateTokens}");
            }
            if (p.GetValue(serve.Serve))
            {
                var serveEngine = HardwareOptions.ParseEngine(p.GetValue(engine));
                serve.Run(p, context, chip, config, options, promptTokens, generateTokens, [.. quantNotes, .. CheckpointNotes(config)],
                    p.GetValue(format) ?? "table", p.GetValue(output), serveEngine is null ? null : LlmServe.Predicted(chip, serveEngine));
                return 0;
            }
            var workload = new LlmWorkload(promptTokens, generateTokens, batches.Count > 0 ? batches : [1]);
            var engineSpec = HardwareOptions.ParseEngine(p.GetValue(engine));
            var est = chip.EstimateLlm(config, options, workload).WithForecast(chip, engineSpec);
            est = est with { Notes = [.. quantNotes, .. CheckpointNotes(config), .. est.Notes] };
            var fmt = p.GetValue(format) ?? "table";
            bool showTensors = p.GetValue(tensors);
            AnalyzeCommand.Emit(context, p.GetValue(output), fmt, w => Write(context, chip, est, fmt, w, showTensors));
            return 0;
        });
        return cmd;
    }

    /// <summary>The roofline estimates of each batch's prefill and decode stages (stage latency includes the all-reduces; memory is the
    /// LLM's: weights + KV cache + activations).</summary>
    internal static List<(string Stage, Estimate Estimate)> StageEstimates(HardwareSpec chip, LlmEstimate est)
    {
        var list = new List<(string, Estimate)>();
        var name = est.Options.EffectiveQuant.Name;
        var shared = new List<string>(est.Notes);
        if (est.Options.Tp > 1) shared.Add(LinkNote(chip, est));
        foreach (var b in est.Batches)
        {
            foreach (var (stage, s) in new[] { ("prefill", b.Prefill), ("decode", b.Decode) })
            {
                var e = s.Stage.Profile.Estimate(chip, default, b.Batch);
                list.Add((stage, Energy(chip, est.Options.Tp, stage, e with
                {
                    Precision = name, LatencyS = s.Seconds, ThroughputPerS = b.Batch / s.Seconds, FitsInMemory = b.Memory.Fits,
                    Memory = new MemoryFit(b.Memory.WeightBytes, b.Memory.KvCacheBytes + b.Memory.ActivationBytes, b.Memory.TotalBytes,
                        b.Memory.CapacityBytes, b.Memory.Fits, b.Memory.MaxBatch),
                    Notes = s.CommSeconds > 0 ? [.. shared, .. e.Notes, $"latency includes {s.CommSeconds * 1e6:0.#} µs of tensor-parallel all-reduce"] : [.. shared, .. e.Notes],
                })));
            }
        }
        return list;
    }

    /// <summary>The stage's energy upper bound on all <paramref name="tp"/> chips (latency × TDP × chips); for a decode step the
    /// energy per inference is the energy per generated token of one sequence.</summary>
    private static Estimate Energy(HardwareSpec chip, int tp, string stage, Estimate e)
    {
        var x = e.WithEnergy(chip);
        if (x.EnergyJ is not { } j) return x;
        int n = Math.Max(1, tp);
        var notes = stage == "decode" ? [.. x.Notes, "energy: a decode step's energy per inference is the energy per generated token (J/token)"] : x.Notes;
        return x with
        {
            PowerW = x.PowerW * n, EnergyJ = j * n, EnergyPerInferenceJ = x.EnergyPerInferenceJ * n, InferencesPerJoule = x.InferencesPerJoule / n,
            Notes = n > 1 ? [.. notes, $"energy: {n} chips (tensor parallel)"] : notes,
        };
    }

    /// <summary>Which link the all-reduces use, at what per-direction bandwidth and latency floor.</summary>
    private static string LinkNote(HardwareSpec chip, LlmEstimate est)
    {
        var c = est.Chip;
        var link = chip.Interconnect.NvlinkGbps is > 0 ? "NVLink" : c.NvLink ? "the scale-up fabric" : "PCIe";
        return FormattableString.Invariant(
            $"tensor parallel {est.Options.Tp} × {chip.Id} over {link}: {c.LinkBandwidth / 1e9:0.#} GB/s each way, {c.CollectiveLatencyS * 1e6:0.#} µs floor per all-reduce, 2 all-reduces per layer");
    }

    /// <summary>The notes of all stages, each once, in order (fallback precisions, context warnings, the TP link).</summary>
    internal static List<string> Notes(IEnumerable<(string Stage, Estimate Estimate)> stages)
        => [.. stages.SelectMany(s => s.Estimate.Notes).Where(n => !n.StartsWith("latency includes ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>The checkpoint's exact count beside the config formula's, with the reasons they differ.</summary>
    internal static List<string> CheckpointNotes(LlmConfig config)
    {
        if (config.Weights is not { FromCheckpoint: true } w) return [];
        long formula = LlmParamCount.Of(config with { Weights = null }).Total;
        var head = FormattableString.Invariant(
            $"{w.Source}: {w.TotalParams:N0} params and {w.TotalBytes / 1e9:0.###} GB stored ({8.0 * w.TotalBytes / Math.Max(1, w.TotalParams):0.###} bits/weight); config formula {formula:N0} params");
        var diffs = LlmWeightReport.Differences(config);
        return diffs.Count == 0 ? [head + " (equal)"] : [head + $" (difference {w.TotalParams - formula:N0}: {string.Join("; ", diffs)})"];
    }

    private static void Write(CliContext context, HardwareSpec chip, LlmEstimate est, string format, TextWriter w, bool showTensors)
    {
        var stages = StageEstimates(chip, est);
        var notes = Notes(stages);
        var extra = new List<ReportTable>();
        if (est.Config.Weights is { } stored)
        {
            extra.Add(CheckpointTables.Layers(est.Config, stored));
            if (showTensors) extra.Add(CheckpointTables.Tensors(stored));
        }
        switch (format)
        {
            case "json":
                w.Write(LlmDocument.From(est, chip.Id, stages, showTensors).Serialize());
                break;
            case "html":
                w.Write(HtmlExporter.Render(LlmHtml.Build(chip, est, stages, context.CommandLine)));
                break;
            case "csv":
                TableOutput.Write(context, w, format, [LlmTables.Summary(est), .. extra]);
                break;
            case "md":
                TableOutput.Write(context, w, format, [LlmTables.Summary(est), .. extra]);
                foreach (var n in notes) w.WriteLine($"> note: {n}");
                break;
            default:
                var console = context.ConsoleFor(w);
                foreach (var n in notes) console.Write(new Text("note: " + DisplayText.Visible(n) + "\n", new Style(Color.Yellow)));
                var tables = new List<ReportTable> { LlmTables.Summary(est), LlmTables.Layer0(stages[0].Estimate, "Prefill"), LlmTables.Layer0(stages[1].Estimate, "Decode step") };
                tables.AddRange(extra);
                TableOutput.Write(context, w, "table", [.. tables]);
                break;
        }
    }
}

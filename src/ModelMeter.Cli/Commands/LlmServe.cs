using System.CommandLine;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Hardware;
using ModelMeter.Llm;
using ModelMeter.Reports.Json;
using ModelMeter.Roofline;

namespace ModelMeter.Cli.Commands;

/// <summary>The <c>llm --serve</c> options and run: a serving simulation per arrival rate (<see cref="LlmServeSimulator"/>).</summary>
internal sealed class LlmServe
{
    public Option<bool> Serve { get; } = new("--serve") { Description = "Simulate serving a request stream with continuous batching (throughput, TTFT/TPOT percentiles)" };
    public Option<string[]> Rate { get; } = new("--rate") { Description = "Arrival rates in requests/s: 1,2,4 (a list gives the throughput–latency curve)" };
    public Option<int> Requests { get; } = new("--requests") { Description = "Requests per rate", DefaultValueFactory = _ => 200 };
    public Option<string> PromptDist { get; } = new("--prompt-dist") { Description = "Prompt lengths: fixed:N | uniform:A-B | normal:MEAN,SD | exp:MEAN (default: fixed at --prompt)" };
    public Option<string> OutputDist { get; } = new("--output-dist") { Description = "Output lengths, same forms (default: fixed at --generate)" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the request stream", DefaultValueFactory = _ => 0 };
    public Option<int> MaxBatchedTokens { get; } = new("--max-batched-tokens") { Description = "Token budget per scheduler step (chunked prefill)", DefaultValueFactory = _ => 2048 };
    public Option<int> MaxSeqs { get; } = new("--max-seqs") { Description = "Most sequences running at once", DefaultValueFactory = _ => 256 };
    public Option<string?> Plot { get; } = new("--plot") { Description = "With --serve: also write the throughput–latency curve (FILE.png or FILE.svg)" };

    public IEnumerable<Option> All => [Serve, Rate, Requests, PromptDist, OutputDist, Seed, MaxBatchedTokens, MaxSeqs, Plot];

    /// <summary>Step times predicted under <paramref name="engine"/> (its attention kernel, kernels and overheads) instead of the roofline.</summary>
    public static Func<LlmConfig, LlmOptions, ILlmStepTime> Predicted(HardwareSpec hw, Engines.EngineSpec engine) => (config, options) =>
    {
        var used = LlmForecast.Resolve(hw, engine, Engines.EngineCatalog.Default);
        var o = options with { Flash = used.Fusion.FlashAttention };
        var chip = hw.ToLlmChip();
        return new LlmStepModel(config, o, s => LlmForecast.PredictedSeconds(hw, used, s, chip, config, o));
    };

    private static List<double> Rates(IEnumerable<string>? values)
    {
        var list = new List<double>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r) || !(r > 0) || double.IsInfinity(r))
                throw ModelMeterException.Usage($"--rate '{part}': must be a positive number of requests per second");
            list.Add(r);
        }
        return list;
    }

    /// <summary>Runs the simulation for each rate and writes the curve in <paramref name="format"/>.</summary>
    public void Run(ParseResult p, CliContext context, HardwareSpec hw, LlmConfig config, LlmOptions options, int prompt, int generate,
        IReadOnlyList<string> notes, string format, string? output, Func<LlmConfig, LlmOptions, ILlmStepTime>? stepTime = null)
    {
        var rates = Rates(p.GetValue(Rate));
        if (rates.Count == 0) throw ModelMeterException.Usage("--serve needs --rate R (requests per second; a list gives a curve)");
        var chip = hw.ToLlmChip();
        var promptDist = LlmLengthDistribution.Parse(p.GetValue(PromptDist) ?? $"fixed:{prompt}", "--prompt-dist");
        var outputDist = LlmLengthDistribution.Parse(p.GetValue(OutputDist) ?? $"fixed:{generate}", "--output-dist");
        long capacity = LlmServeSimulator.KvCapacityTokens(config, options, chip);
        var steps = stepTime?.Invoke(config, options) ?? LlmStepModel.Roofline(config, options, chip, pr => pr.Estimate(hw).LatencyS);
        var results = rates.Select(r => LlmServeSimulator.Run(new LlmServeOptions(r, p.GetValue(Requests), promptDist, outputDist, p.GetValue(Seed),
            p.GetValue(MaxBatchedTokens), p.GetValue(MaxSeqs), 16, capacity), steps)).ToList();
        var title = $"{config.Name} serving on {(options.Tp > 1 ? $"{options.Tp} × " : "")}{hw.Id}: {options.EffectiveQuant.Name}, prompts {promptDist}, outputs {outputDist}";
        var all = new List<string>(notes)
        {
            FormattableString.Invariant($"KV cache: {capacity:N0} tokens (90% of memory less {LlmProfiler.WeightBytesPerChip(config, options) / 1e9:0.##} GB of weights, {LlmProfiler.KvBytesPerToken(config, options):N0} bytes per token); blocks of 16 tokens reserved for prompt + output at admission (no preemption)"),
            FormattableString.Invariant($"scheduler: up to {p.GetValue(MaxSeqs)} sequences, {p.GetValue(MaxBatchedTokens)} tokens per step (decode first, then prompt chunks); {p.GetValue(Requests)} Poisson requests per rate, seed {p.GetValue(Seed)}; step times: {(stepTime is null ? "roofline (a lower bound; --engine for a prediction)" : "the engine's prediction (--engine)")}"),
        };
        if (p.GetValue(Plot) is { } plotPath) ServeReports.Save(plotPath, title, results);
        AnalyzeCommand.Emit(context, output, format, w =>
        {
            switch (format)
            {
                case "json":
                    w.Write(AnalysisJson.Serialize(new ServeDocument("modelmeter/llm-serve/v1", config.Name, hw.Id, options.EffectiveQuant.Name, options.Tp,
                        promptDist.ToString(), outputDist.ToString(), capacity, all, results), CliJsonContext.Default.ServeDocument));
                    break;
                case "html":
                    w.Write(ServeReports.Html(title, all, results));
                    break;
                default:
                    foreach (var n in all) w.WriteLine((format == "md" ? "> note: " : format == "csv" ? "# " : "note: ") + n);
                    TableOutput.Write(context, w, format, ServeReports.Table(title, results));
                    break;
            }
        });
    }
}

/// <summary>The document of <c>llm --serve --format json</c>.</summary>
internal sealed record ServeDocument(string Schema, string Model, string Hardware, string Quant, int Tp, string PromptDist, string OutputDist,
    long KvCapacityTokens, IReadOnlyList<string> Notes, IReadOnlyList<LlmServeResult> Results);

using System.CommandLine;
using System.Globalization;
using ModelMeter.Hardware;

namespace ModelMeter.Cli.Internals;

/// <summary>Options shared by every command that uses hardware (<c>--hw</c>, <c>--hw-file</c>, <c>--batch</c>) and their parsing.</summary>
internal static class HardwareOptions
{
    /// <summary><c>--hw-file FILE</c> (repeatable): user hardware entries in the hardware.json schema.</summary>
    public static Option<string[]> HwFile() => new("--hw-file")
    {
        Description = "Hardware entries in the hardware.json schema (repeatable); the folder in MODELMETER_HARDWARE is read too",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Parses <c>--sparsity</c>: null or <c>dense</c> = dense peaks, <c>2:4</c> = the vendor's 2:4 structured-sparsity peaks.</summary>
    /// <exception cref="ModelMeterException">Any other value.</exception>
    public static bool Sparsity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "dense" or "none" => false,
        "2:4" => true,
        _ => throw ModelMeterException.Usage($"--sparsity {value}: use 2:4 (NVIDIA/AMD structured sparsity) or dense"),
    };

    /// <summary>The catalog: embedded entries, the MODELMETER_HARDWARE folder, then the <c>--hw-file</c> files.</summary>
    public static HardwareCatalog Catalog(string[]? hwFiles) => HardwareCatalog.Load(hwFiles ?? []);

    /// <summary>Parses <c>--batch 1,8,32</c> (repeatable, comma-separated) into distinct positive sizes in the given order.</summary>
    /// <exception cref="ModelMeterException">A value that is not a positive whole number (usage error naming it).</exception>
    public static IReadOnlyList<int> Batches(IEnumerable<string>? values)
    {
        var list = new List<int>();
        foreach (var raw in values ?? [])
        {
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b <= 0)
                    throw ModelMeterException.Usage($"--batch '{raw}': '{item}' is not a positive whole number (at most {int.MaxValue})");
                if (!list.Contains(b)) list.Add(b);
            }
        }
        return list;
    }

    /// <summary>The <c>--engine</c> option: the inference engine to forecast for.</summary>
    public static Option<string?> Engine() => new("--engine")
    {
        Description = "Forecast for an inference engine: " + string.Join("|", EngineIds)
            + " (default: bound and prediction of the chip kind's default engine; see `modelmeter engine list`)",
    };

    /// <summary>
    /// The ids of the catalog's engines in its order, for the help text: written out so that building the command tree
    /// (every start) does not parse the engine catalog (a test holds it equal to <c>EngineCatalog.Default</c>).
    /// </summary>
    internal static readonly string[] EngineIds =
        ["tensorrt", "onnxruntime-cuda", "onnxruntime-cpu", "pytorch-eager", "tensorrt-llm", "vllm", "llama.cpp", "migraphx", "xla", "coreml"];

    /// <summary>The engine named by <c>--engine</c>, or null when none was given.</summary>
    /// <exception cref="ModelMeterException">Unknown engine (exit 2); the message lists the engines.</exception>
    public static Engines.EngineSpec? ParseEngine(string? id) => id is null ? null : Engines.EngineCatalog.Default.Get(id);
}

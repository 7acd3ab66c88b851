using System.Globalization;
using ModelMeter.Hardware;
using ModelMeter.Reports;
using ModelMeter.Runtime;
using Spectre.Console;

namespace ModelMeter.Cli.Internals;

/// <summary>Helpers shared by bench, hw probe and calibrate: progress bars on stderr, hardware lookup, units, output.</summary>
internal static class RuntimeCli
{
    /// <summary>Runs <paramref name="work"/> with a Spectre progress bar on stderr when it is a terminal; silently otherwise.</summary>
    public static T WithProgress<T>(CliContext context, string title, Func<Action<string, double>, T> work)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error)) return work((_, _) => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
            result = work((step, fraction) => { task.Description = Markup.Escape($"{title}: {step}"); task.Value = fraction; });
        });
        return result;
    }

    /// <summary>The hardware entry: the only (or the named) entry of <paramref name="hwFile"/>, else the catalog entry <paramref name="hwId"/>.</summary>
    public static HardwareSpec? Hardware(string? hwFile, string? hwId)
    {
        if (hwFile is not null)
        {
            var entries = HardwareCatalog.LoadFile(hwFile);
            // An id not in the file is looked up in the catalog (embedded + MODELMETER_HARDWARE), as the other commands do.
            if (hwId is not null) return entries.FirstOrDefault(e => e.Id == hwId) ?? HardwareCatalog.Load().GetMany(hwId)[0];
            return entries.Count == 1 ? entries[0] : throw ModelMeterException.Usage($"{hwFile} holds {entries.Count} entries: choose one with --hw");
        }
        if (hwId is null) return null;
        return HardwareCatalog.Load().GetMany(hwId)[0];
    }

    /// <summary>Seconds in a unit chosen from the value (s, ms, µs).</summary>
    public static string Time(double s) => s >= 1 ? $"{s:F3} s" : s >= 1e-3 ? $"{s * 1e3:F3} ms" : $"{s * 1e6:F1} µs";

    /// <summary>A rate with a decimal prefix (G, T).</summary>
    public static string Rate(double? v, string unit) => v is not { } x ? "–" : x >= 1e12 ? $"{x / 1e12:F2} T{unit}" : $"{x / 1e9:F2} G{unit}";

    /// <summary>Writes text to stdout or atomically to a file.</summary>
    public static void Emit(CliContext context, string? output, string text)
    {
        if (output is null) { context.Out.Write(text); return; }
        try { AtomicFile.WriteAllText(output, text); }
        catch (IOException e) { throw new ModelMeterException(ErrorKind.Io, $"{output}: cannot write: {e.Message}", e); }
        catch (UnauthorizedAccessException e) { throw new ModelMeterException(ErrorKind.Io, $"{output}: cannot write: permission denied", e); }
    }

    /// <summary>Invariant formatting.</summary>
    public static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}

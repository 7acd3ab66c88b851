using System.CommandLine;
using System.Text;
using System.Text.Json;
using ModelMeter.Cli.Internals;
using ModelMeter.Cli.Reports;
using ModelMeter.Hardware;

namespace ModelMeter.Cli.Commands;

/// <summary><c>modelmeter hw list|show|compare</c>: the hardware catalog (datasheet peaks, memory, bandwidth, ridge points, sources).</summary>
internal static class HwCommand
{
    /// <summary>Builds the command and its three subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("hw", "Hardware: list the catalog, show a chip with its sources, compare chips, probe this machine");
        cmd.Subcommands.Add(Sub(context, "list", "List every catalogued chip: key peaks, bandwidth, memory, ridge points", ids: false));
        cmd.Subcommands.Add(Sub(context, "show", "Show every field of one chip, with sources and notes", ids: true, max: 1));
        cmd.Subcommands.Add(Sub(context, "compare", "Compare chips side by side: hw compare t4 a10 l4", ids: true));
        cmd.Subcommands.Add(HwProbeCommand.Create(context));
        return cmd;
    }

    private static Command Sub(CliContext context, string name, string description, bool ids, int max = int.MaxValue)
    {
        var idArg = new Argument<string[]>("ID") { Description = "Hardware id(s) (see `modelmeter hw list`)", Arity = ArgumentArity.OneOrMore };
        var hwFile = HardwareOptions.HwFile();
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(AnalyzeCommand.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE (atomically) instead of stdout" };
        var kind = new Option<string?>("--kind") { Description = "Only chips of this kind: gpu, cpu, tpu or npu" };
        kind.AcceptOnlyFromAmong("gpu", "cpu", "tpu", "npu");
        var vendor = new Option<string?>("--vendor") { Description = "Only chips of this vendor (NVIDIA, AMD, Intel, Google, Apple, AWS; case-insensitive)" };
        var cmd = new Command(name, description) { hwFile, format, output };
        if (ids) cmd.Arguments.Add(idArg);
        else { cmd.Options.Add(kind); cmd.Options.Add(vendor); }
        cmd.SetAction(p =>
        {
            var catalog = HardwareOptions.Catalog(p.GetValue(hwFile));
            var fmt = p.GetValue(format) ?? "table";
            IReadOnlyList<HardwareSpec> chips = ids
                ? [.. (p.GetValue(idArg) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(catalog.Get)]
                : [.. catalog.Entries.Where(e => (p.GetValue(kind) is not { } k || string.Equals(e.Kind.ToString(), k, StringComparison.OrdinalIgnoreCase))
                    && (p.GetValue(vendor) is not { } v || string.Equals(e.Vendor, v.Trim(), StringComparison.OrdinalIgnoreCase)))];
            if (!ids && chips.Count == 0)
                throw ModelMeterException.Usage($"hw list: no chip matches{(p.GetValue(kind) is { } k0 ? $" --kind {k0}" : "")}{(p.GetValue(vendor) is { } v0 ? $" --vendor {v0}" : "")}");
            if (chips.Count > max) throw ModelMeterException.Usage($"hw {name} takes {max} id (got {chips.Count}); use `modelmeter hw compare` for several");
            AnalyzeCommand.Emit(context, p.GetValue(output), fmt, w =>
            {
                if (fmt == "json") w.Write(Json(chips, single: name == "show"));
                else if (name == "list") TableOutput.Write(context, w, fmt, HardwareTables.List(chips));
                else if (chips.Count > 1) TableOutput.Write(context, w, fmt, HardwareTables.Fields(chips), HardwareTables.Ratios(chips));
                else TableOutput.Write(context, w, fmt, HardwareTables.Fields(chips));
            });
            return 0;
        });
        return cmd;
    }

    /// <summary>Entries in the hardware.json schema (what <c>--hw-file</c> reads): one object for <c>show</c>, else an array.</summary>
    private static string Json(IReadOnlyList<HardwareSpec> chips, bool single)
    {
        if (!single) return HardwareJsonWriter.Serialize(chips) + "\n";
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            HardwareJsonWriter.Write(w, chips[0]);
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}

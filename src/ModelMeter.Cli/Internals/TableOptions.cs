using System.CommandLine;
using ModelMeter.Reports;

namespace ModelMeter.Cli.Internals;

/// <summary>
/// <c>--columns</c>, <c>--sort</c> and <c>--top</c>: which columns of the node table to show, in which order, and how
/// many of its heaviest rows. Add them to a command with <see cref="AddTo"/>; apply them with <see cref="Apply"/>.
/// </summary>
internal sealed class TableOptions
{
    private readonly Option<string?> _columns = new("--columns") { Description = "Node-table columns to show, in order: ID[,ID…] by id or header (name,op_type,macs,flops,memory_access_bytes, …)" };
    private readonly Option<string?> _sort = new("--sort") { Description = "Sort the node table by COLUMN (numbers largest first; default with --top: flops)" };
    private readonly Option<int?> _top = new("--top") { Description = "Show only the N heaviest nodes (by --sort, default flops); totals stay those of every node" };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static TableOptions AddTo(Command command)
    {
        var o = new TableOptions();
        command.Options.Add(o._columns);
        command.Options.Add(o._sort);
        command.Options.Add(o._top);
        return o;
    }

    /// <summary>True when any of the options was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_columns) is not null || parse.GetValue(_sort) is not null || parse.GetValue(_top) is not null;

    /// <summary>The view of <paramref name="table"/> the options ask for (the table itself when none was given).</summary>
    /// <exception cref="ModelMeterException">Usage error for an unknown column or a top below 1.</exception>
    public ReportTable Apply(ParseResult parse, ReportTable table)
    {
        var top = parse.GetValue(_top);
        if (top is < 1) throw ModelMeterException.Usage($"--top {top}: must be at least 1");
        var sortName = parse.GetValue(_sort) ?? (top is null ? null : "flops");
        if (sortName is not null)
        {
            var col = Column(table, sortName, "--sort");
            var shown = top is { } n && n < table.Rows.Count ? $" (top {n} of {table.Rows.Count} by {col.Header}; totals are of every node)" : $" (by {col.Header})";
            table = table.SortedBy(col, top, table.Title + shown);
        }
        if (parse.GetValue(_columns) is { } list)
        {
            var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0) throw ModelMeterException.Usage("--columns: give at least one column id");
            table = table.WithColumns([.. names.Select(n => Column(table, n, "--columns"))]);
        }
        return table;
    }

    private static ReportColumn Column(ReportTable table, string name, string option)
        => table.FindColumn(name) ?? throw ModelMeterException.Usage(
            $"{option}: unknown column '{name}'{UnknownTokens.Suggest(name, table.AllColumns.Select(c => c.Id))}; columns: {string.Join(", ", table.AllColumns.Select(c => c.Id))}");
}

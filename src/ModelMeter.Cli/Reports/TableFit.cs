using ModelMeter.Reports;
using Spectre.Console;

namespace ModelMeter.Cli.Reports;

/// <summary>
/// Fits a table to the terminal's width: low-value columns are dropped in <see cref="DropOrder"/> and long text
/// (node names, shapes) is shortened with an ellipsis in the middle; headers are never broken. Without a width (a
/// pipe or a file) the table is printed whole.
/// </summary>
internal static class TableFit
{
    /// <summary>
    /// Column ids dropped first when a table is too wide, in order (docs/cli.md lists it): bytes read and written are
    /// both in "Memory access"; then the output shapes, the domain, the roofline's intermediate figures, the precision,
    /// shares and secondary memory figures, Params, FLOPs (≈ 2 × MACs). When the table is still too wide, columns go
    /// from the right; the first column (the row's name) always stays.
    /// </summary>
    public static readonly string[] DropOrder =
    [
        "flops_formula", "macs_formula", "bytes_written", "bytes_read", "output", "domain", "attainable_flops_per_s", "intensity", "precision", "flops_share",
        "share_of_peak_pct", "memory_bound_pct", "max_batch", "bandwidth_utilisation_pct", "end_to_end_s", "tokens_per_s",
        "unknown_nodes", "peak_activation_bytes", "weight_bytes", "params", "flops", "bound",
    ];

    /// <summary>Shortest width a text column is shortened to (its header is never cut).</summary>
    public const int MinTextWidth = 20;

    /// <summary>Spectre's simple border: one space of padding each side and one separator per column, plus the edge.</summary>
    internal static int Overhead(int columns) => 3 * columns + 1;

    /// <summary>The fitted table, the headers of the columns left out, and the width of each visible column.</summary>
    public sealed record Result(ReportTable Table, IReadOnlyList<string> Dropped, int[] Widths);

    /// <summary>Fits <paramref name="table"/> into <paramref name="width"/> characters (null: no limit).</summary>
    public static Result Fit(ReportTable table, int? width)
    {
        var dropped = new List<string>();
        while (true)
        {
            var natural = NaturalWidths(table);
            if (width is not { } w || natural.Sum() + Overhead(natural.Length) <= w) return new Result(table, dropped, natural);
            var min = MinWidths(table, natural);
            if (min.Sum() + Overhead(min.Length) <= w) return new Result(table, dropped, Shrink(table, natural, min, natural.Sum() + Overhead(natural.Length) - w));
            var next = DropOrder.Select(id => table.Columns.FirstOrDefault(c => c.Id == id)).FirstOrDefault(c => c is not null)
                ?? (table.Columns.Count > 1 ? table.Columns[^1] : null);
            if (next is null) return new Result(table, dropped, min); // one column left: as narrow as it gets
            dropped.Add(next.Header);
            table = table.WithColumns([.. table.AllColumns.Where(c => !ReferenceEquals(c, next))]);
        }
    }

    /// <summary>Terminal cells of <paramref name="text"/> (a CJK character or an emoji takes two).</summary>
    public static int Cells(string text) => text.GetCellWidth();

    /// <summary><paramref name="text"/> in at most <paramref name="width"/> terminal cells: <c>features.1…conv.0.0</c>.</summary>
    public static string MiddleEllipsis(string text, int width)
    {
        if (Cells(text) <= width || width < 3) return text;
        int head = (width - 1 + 1) / 2, tail = width - 1 - head;
        while (head > 0 || tail > 0)
        {
            var s = string.Concat(text.AsSpan(0, Math.Min(head, text.Length)), "…", text.AsSpan(text.Length - Math.Min(tail, text.Length)));
            if (Cells(s) <= width) return s;
            if (head >= tail) head--; else tail--; // wide characters: take one more off the longer side
        }
        return "…";
    }

    private static int[] NaturalWidths(ReportTable t)
    {
        var widths = new int[t.Columns.Count];
        for (int i = 0; i < widths.Length; i++)
        {
            int w = Cells(t.Header(i));
            foreach (var r in t.Rows) w = Math.Max(w, Cells(t.Cell(r, i)));
            if (t.Totals is { } tot) w = Math.Max(w, Cells(t.Cell(tot, i)));
            widths[i] = w;
        }
        return widths;
    }

    private static int[] MinWidths(ReportTable t, int[] natural) =>
        [.. natural.Select((w, i) => t.Columns[i].IsNumeric ? w : Math.Min(w, Math.Max(Cells(t.Header(i)), MinTextWidth)))];

    /// <summary>Takes <paramref name="excess"/> characters from the widest text columns first, never below their minimum.</summary>
    private static int[] Shrink(ReportTable t, int[] natural, int[] min, int excess)
    {
        var w = (int[])natural.Clone();
        while (excess > 0)
        {
            int widest = -1;
            for (int i = 0; i < w.Length; i++)
                if (!t.Columns[i].IsNumeric && w[i] > min[i] && (widest < 0 || w[i] > w[widest])) widest = i;
            if (widest < 0) break;
            w[widest]--;
            excess--;
        }
        return w;
    }
}

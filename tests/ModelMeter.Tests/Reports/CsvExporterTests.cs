using ModelMeter.Reports;
using Xunit;

namespace ModelMeter.Tests.Reports;

public class CsvExporterTests
{
    [Fact]
    public void Hostile_node_name_is_quoted_per_rfc4180()
    {
        var csv = new CsvExporter().ExportToString(AnalysisReport.From(TestProfiles.Small(TestProfiles.HostileName)));
        // RFC 4180 §2.6/2.7: a field with comma, quote or line break is enclosed in quotes, inner quotes doubled.
        Assert.StartsWith("\"a,\"\"b\"\"\n<img src=x onerror=alert(1)>\",Conv,", csv.Split("\r\n")[1], StringComparison.Ordinal);
        var records = ParseRfc4180(csv);
        Assert.Equal(4, records.Count); // header + 3 nodes, no totals row
        Assert.Equal(TestProfiles.HostileName, records[1][0]);
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
    }

    [Fact]
    public void Header_carries_units_and_numbers_are_raw()
    {
        var records = ParseRfc4180(new CsvExporter().ExportToString(AnalysisReport.From(TestProfiles.Small())));
        Assert.Equal(["name", "op_type", "domain", "output", "precision", "Params", "MACs", "FLOPs", "bytes_read [B]", "bytes_written [B]", "memory_access_bytes [B]"], records[0]);
        Assert.Equal("118013952", records[1][6]);
        Assert.Equal("236027904", records[1][7]);
        Assert.Equal("", records[3][6]); // not counted → empty, never 0
    }

    /// <summary>An independent RFC 4180 reader: quoted fields, doubled quotes, CRLF record separators.</summary>
    private static List<List<string>> ParseRfc4180(string text)
    {
        var records = new List<List<string>>();
        var field = new System.Text.StringBuilder();
        var record = new List<string>();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; i++; }
            else field.Append(c);
        }
        Assert.Empty(record);
        return records;
    }
}

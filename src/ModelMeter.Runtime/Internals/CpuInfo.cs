using System.Globalization;
using System.Runtime.InteropServices;

namespace ModelMeter.Runtime.Internals;

/// <summary>What /proc/cpuinfo and /proc/meminfo say (Linux); empty figures elsewhere.</summary>
sealed record CpuInfo(string Model, double? Mhz, double? CacheMb, double? MemoryGb, IReadOnlySet<string> Flags)
{
    public static CpuInfo Read()
    {
        string model = RuntimeInformation.ProcessArchitecture.ToString();
        double? mhz = null, cache = null, mem = null;
        var flags = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    var i = line.IndexOf(':', StringComparison.Ordinal);
                    if (i < 0) continue;
                    var k = line[..i].Trim();
                    var v = line[(i + 1)..].Trim();
                    if (k == "model name") model = v;
                    else if (k == "cpu MHz" && mhz is null && double.TryParse(v, CultureInfo.InvariantCulture, out var m)) mhz = m;
                    else if (k == "flags" && flags.Count == 0) flags.UnionWith(v.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
            const string l3 = "/sys/devices/system/cpu/cpu0/cache/index3/size";
            if (File.Exists(l3))
            {
                var s = File.ReadAllText(l3).Trim();
                if (s.EndsWith('K') && double.TryParse(s[..^1], CultureInfo.InvariantCulture, out var kb)) cache = kb / 1024;
            }
            if (File.Exists("/proc/meminfo"))
            {
                var first = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var parts = first?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is { Length: >= 2 } && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib)) mem = Math.Round(kib * 1024 / 1e9, 1);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new CpuInfo(model, mhz, cache, mem, flags);
    }
}

using System.Globalization;
using ModelMeter.Graphs;

namespace ModelMeter.Runtime.Internals;

/// <summary>
/// Joins ONNX Runtime's profile names of unnamed nodes to our names. ONNX Runtime profiles a node without a name as
/// <c>OpType_K</c>, K its node index in the session graph (the position in the original file; gaps where optimisers removed
/// nodes), and writes it unnamed into the optimised file; our reader names it <c>OpType_i</c> by its position in that file.
/// The two numberings differ, and one can even name a different node, so unnamed nodes are paired per op type in order:
/// the profile's by K, the optimised file's by position (both follow the original order: optimisers keep it).
/// </summary>
static class ProfileNames
{
    /// <summary>Profile name → our name, for the unnamed nodes of the optimised graph.</summary>
    /// <param name="scanned">The optimised file's top-level nodes in file order, names as written ("" when unnamed).</param>
    /// <param name="ours">Our names for the same nodes (the reader's), same order; null to use <c>OpType_position</c>.</param>
    /// <param name="profiled">Names and op types of the profiled nodes.</param>
    public static Dictionary<string, string> Map(IReadOnlyList<(string Name, string OpType)> scanned, IReadOnlyList<string>? ours,
        IEnumerable<(string Name, string OpType)> profiled)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var explicitNames = new HashSet<string>(scanned.Where(s => s.Name.Length > 0).Select(s => s.Name), StringComparer.Ordinal);
        var unnamed = scanned.Select((s, i) => (s.OpType, Ours: ours is not null && ours.Count == scanned.Count ? ours[i] : $"{s.OpType}_{i}"))
            .Where((_, i) => scanned[i].Name.Length == 0).ToLookup(u => u.OpType, u => u.Ours, StringComparer.Ordinal);
        var candidates = profiled.Where(p => !explicitNames.Contains(p.Name) && Index(p.Name, p.OpType) is not null)
            .GroupBy(p => p.OpType, StringComparer.Ordinal);
        foreach (var group in candidates)
        {
            var ordered = group.Select(p => p.Name).Distinct(StringComparer.Ordinal).OrderBy(n => Index(n, group.Key)).ToList();
            foreach (var (profileName, ourName) in ordered.Zip(unnamed[group.Key]))
                map[profileName] = ourName;
        }
        return map;
    }

    /// <summary>Renames the nodes of a summary by <paramref name="map"/>.</summary>
    public static ProfileSummary Rename(ProfileSummary summary, IReadOnlyDictionary<string, string> map)
        => map.Count == 0 ? summary : summary with { Nodes = summary.Nodes.Select(n => map.TryGetValue(n.Name, out var m) ? n with { Name = m } : n).ToList() };

    /// <summary>K of a profile name <c>OpType_K</c>; null when the name is not of that form.</summary>
    static long? Index(string name, string opType)
        => name.Length > opType.Length + 1 && name.StartsWith(opType + "_", StringComparison.Ordinal)
           && long.TryParse(name.AsSpan(opType.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
}

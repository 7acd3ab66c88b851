using System.Text.Json;

namespace ModelMeter.Hardware;

/// <summary>The hardware catalog: the embedded datasheet entries plus user files. Later sources replace earlier entries with
/// the same id (embedded, then the <c>MODELMETER_HARDWARE</c> folder, then <c>--hw-file</c> files in order).</summary>
public sealed class HardwareCatalog
{
    /// <summary>Environment variable naming a folder whose <c>*.json</c> files are loaded as user hardware.</summary>
    public const string FolderVariable = "MODELMETER_HARDWARE";

    const string ResourceName = "ModelMeter.Hardware.hardware.json";
    static readonly Lazy<IReadOnlyList<HardwareSpec>> s_embedded = new(LoadEmbedded);

    readonly List<HardwareSpec> _entries;

    HardwareCatalog(List<HardwareSpec> entries) => _entries = entries;

    /// <summary>All entries in catalog order (embedded first, in file order; user entries after, or in place of the entry they replace).</summary>
    public IReadOnlyList<HardwareSpec> Entries => _entries;

    /// <summary>The embedded entries only.</summary>
    public static IReadOnlyList<HardwareSpec> Embedded => s_embedded.Value;

    /// <summary>The embedded catalog alone.</summary>
    public static HardwareCatalog Default { get; } = new([.. s_embedded.Value]);

    /// <summary>Builds the catalog: embedded entries, then every <c>*.json</c> in the folder named by
    /// <c>MODELMETER_HARDWARE</c> (sorted by name), then <paramref name="hwFiles"/> in order.</summary>
    /// <param name="hwFiles">User files (<c>--hw-file</c>), each a single entry or an array of entries.</param>
    /// <param name="environmentFolder">Overrides the environment variable (null = read it; empty = none).</param>
    /// <exception cref="ModelMeterException">A file is missing or invalid (the message names the file, entry and field).</exception>
    public static HardwareCatalog Load(IEnumerable<string>? hwFiles = null, string? environmentFolder = null)
    {
        var entries = new List<HardwareSpec>(Embedded);
        var folder = environmentFolder ?? Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(folder))
        {
            if (!Directory.Exists(folder))
                throw ModelMeterException.Usage($"{FolderVariable}={folder}: folder does not exist");
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
                Merge(entries, LoadFile(file));
        }
        foreach (var file in hwFiles ?? [])
            Merge(entries, LoadFile(file));
        return new HardwareCatalog(entries);
    }

    /// <summary>Reads one user hardware file (a single entry object or an array of entries) and validates it.</summary>
    /// <exception cref="ModelMeterException">The file is missing, not JSON, or an entry is invalid.</exception>
    public static IReadOnlyList<HardwareSpec> LoadFile(string path)
    {
        return Parse(Internals.JsonInput.Read(path, "hardware file", ErrorKind.Usage), path, path);
    }

    /// <summary>Parses hardware JSON text (a single entry or an array) and validates it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <param name="origin">Recorded in <see cref="HardwareSpec.Origin"/> (defaults to <paramref name="fileName"/>).</param>
    /// <exception cref="ModelMeterException">Invalid JSON or an invalid entry (<see cref="ErrorKind.BadModel"/>).</exception>
    public static IReadOnlyList<HardwareSpec> Parse(string json, string fileName, string? origin = null)
        => new HardwareReader(fileName, origin ?? fileName).ReadDocument(json);

    /// <summary>Finds an entry by id (case-insensitive), or null.</summary>
    public HardwareSpec? Find(string id)
    {
        foreach (var e in _entries)
            if (string.Equals(e.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
                return e;
        return null;
    }

    /// <summary>Gets an entry by id (case-insensitive).</summary>
    /// <exception cref="ModelMeterException">Unknown id; the message lists the closest ids.</exception>
    public HardwareSpec Get(string id)
    {
        var found = Find(id);
        if (found is not null)
            return found;
        var close = Closest(id, 4);
        var hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close.Select(c => $"'{c}'"))}?" : "";
        throw ModelMeterException.Usage($"unknown hardware '{id}'{hint} (`modelmeter hw list` shows all {_entries.Count} ids)");
    }

    /// <summary>Gets several entries from a comma-separated list of ids (<c>t4,a100-80g-sxm</c>).</summary>
    /// <exception cref="ModelMeterException">An id is unknown.</exception>
    public IReadOnlyList<HardwareSpec> GetMany(string commaSeparatedIds)
        => [.. commaSeparatedIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Get)];

    /// <summary>Ids closest to <paramref name="id"/>: those containing it or contained in it, then by edit distance.</summary>
    public IReadOnlyList<string> Closest(string id, int count)
    {
        var q = id.Trim().ToLowerInvariant();
        return [.. _entries
            .Select(e => (e.Id, Score: Score(q, e.Id.ToLowerInvariant())))
            .Where(t => t.Score <= Math.Max(3, q.Length / 2))
            .OrderBy(t => t.Score).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(t => t.Id)];

        static int Score(string q, string id)
            => q.Length > 0 && (id.Contains(q) || q.Contains(id)) ? 0 : Levenshtein(q, id);
    }

    static void Merge(List<HardwareSpec> entries, IReadOnlyList<HardwareSpec> added)
    {
        foreach (var spec in added)
        {
            var i = entries.FindIndex(e => string.Equals(e.Id, spec.Id, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) entries[i] = spec;
            else entries.Add(spec);
        }
    }

    static List<HardwareSpec> LoadEmbedded()
    {
        using var stream = typeof(HardwareCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return [.. Parse(reader.ReadToEnd(), "hardware.json (embedded)", "embedded")];
    }

    static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}

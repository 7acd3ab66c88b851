using Xunit;

namespace ModelMeter.Tests;

/// <summary>
/// Locates the shared corpus of real models: env MODELMETER_CORPUS, else <c>../shared</c> next to the repository root
/// (or the nearest ancestor folder holding a <c>shared</c> folder with <c>models/</c>).
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> s_root = new(Find);

    /// <summary>The corpus folder, or null when there is none.</summary>
    public static string? Root => s_root.Value;

    /// <summary>A path inside the corpus (throws when there is no corpus).</summary>
    public static string Path(params string[] parts)
        => System.IO.Path.Combine([Root ?? throw new InvalidOperationException("corpus not found (set MODELMETER_CORPUS)"), .. parts]);

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ModelMeter.slnx")))
            {
                var beside = System.IO.Path.Combine(dir.FullName, "..", "shared");
                if (Directory.Exists(System.IO.Path.Combine(beside, "models"))) return System.IO.Path.GetFullPath(beside);
            }
            var shared = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(shared, "models"))) return shared;
        }
        return null;
    }
}

/// <summary>A fact that needs the corpus: skipped when it is missing, unless env CI is "true" (then it fails).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public CorpusFactAttribute()
    {
        if (Corpus.Root is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "corpus not found (set MODELMETER_CORPUS)";
    }
}

using Xunit;

namespace ModelMeter.Runtime.Tests;

/// <summary>Locates the shared corpus: env MODELMETER_CORPUS, default ../shared relative to the repository root.</summary>
public static class Corpus
{
    /// <summary>The corpus folder, or null when it is not there.</summary>
    public static string? Root { get; } = Find();

    /// <summary>A path inside the corpus (throws when the corpus is missing).</summary>
    public static string Path(params string[] parts)
        => System.IO.Path.Combine([Root ?? throw new InvalidOperationException("corpus not found (set MODELMETER_CORPUS)"), .. parts]);

    static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "ModelMeter.slnx")))
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(d.FullName, "..", "shared"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs the corpus: skipped when it is missing, unless CI=true (then it fails).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the corpus is missing outside CI.</summary>
    public CorpusFactAttribute()
    {
        if (Corpus.Root is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "corpus not found (set MODELMETER_CORPUS)";
    }
}

/// <summary>A theory that needs the corpus: skipped when it is missing, unless CI=true (then it fails).</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when the corpus is missing outside CI.</summary>
    public CorpusTheoryAttribute()
    {
        if (Corpus.Root is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "corpus not found (set MODELMETER_CORPUS)";
    }
}

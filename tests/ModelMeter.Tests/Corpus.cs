using Xunit;

namespace ModelMeter.Tests;

/// <summary>
/// The shared test corpus (real ONNX models, ONNX node tests): env <c>MODELMETER_CORPUS</c>, else a <c>shared</c>
/// folder beside the repository root (or beside any folder above it). Corpus tests are skipped when it is absent,
/// except on CI (<c>CI=true</c>) where they fail.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> s_root = new(Find);

    /// <summary>The corpus folder, or null when not found.</summary>
    public static string? Root => s_root.Value;

    /// <summary>True on CI, where a missing corpus is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path inside the corpus (throws when the corpus is missing).</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("corpus not found (set MODELMETER_CORPUS)"), .. parts]);

    /// <summary>Full path of a corpus file or folder; fails the test when it is missing.</summary>
    public static string Require(params string[] relative)
    {
        var path = Path(relative);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"corpus item missing: {path}");
        return path;
    }

    /// <summary>The repository root (folder holding ModelMeter.slnx), or null.</summary>
    public static string? RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(System.IO.Path.Combine(d.FullName, "ModelMeter.slnx"))) return d.FullName;
            return null;
        }
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        for (var d = RepoRoot is { } r ? new DirectoryInfo(r).Parent : null; d is not null; d = d.Parent)
        {
            var candidate = System.IO.Path.Combine(d.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "models"))) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that needs the corpus: skipped when it is missing, unless on CI.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the corpus is absent off CI.</summary>
    public CorpusFactAttribute()
    {
        if (Corpus.Root is null && !Corpus.IsCi) Skip = "test corpus not found (set MODELMETER_CORPUS)";
    }
}

/// <summary>A theory that needs the corpus: skipped when it is missing, unless on CI.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the corpus is absent off CI.</summary>
    public CorpusTheoryAttribute()
    {
        if (Corpus.Root is null && !Corpus.IsCi) Skip = "test corpus not found (set MODELMETER_CORPUS)";
    }
}

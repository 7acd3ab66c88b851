using Xunit;

namespace ModelMeter.Tests;

/// <summary>
/// The shared test corpus (real ONNX models): env <c>MODELMETER_CORPUS</c>, else a <c>shared</c> folder beside the
/// repository root (or beside any folder above it). Corpus tests are skipped when it is absent, except on CI
/// (<c>CI=true</c>) where they fail.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> _root = new(Find);

    /// <summary>The corpus folder, or null when not found.</summary>
    public static string? Root => _root.Value;

    /// <summary>True on CI, where a missing corpus is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of a corpus file or folder; fails the test when it is missing.</summary>
    public static string Require(params string[] relative)
    {
        var root = Root ?? throw new InvalidOperationException("test corpus not found: set MODELMETER_CORPUS to the shared folder");
        var path = Path.Combine([root, .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"corpus item missing: {path}");
        return path;
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("MODELMETER_CORPUS");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModelMeter.slnx"))) dir = dir.Parent;
        for (var d = dir?.Parent; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "models"))) return candidate;
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

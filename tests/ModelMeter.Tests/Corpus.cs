using Xunit;

namespace ModelMeter.Tests;

/// <summary>Locates the shared corpus (real models, ONNX node tests): env MODELMETER_CORPUS, else ../shared from the repo root.</summary>
public static class Corpus
{
    private static readonly Lazy<string?> s_root = new(Find);

    /// <summary>The corpus folder, or null when it is not present.</summary>
    public static string? Root => s_root.Value;

    /// <summary>A path inside the corpus (throws when the corpus is missing).</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("corpus not found (set MODELMETER_CORPUS)"), .. parts]);

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
        if (RepoRoot is not { } root) return null;
        var p = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"));
        return Directory.Exists(p) ? p : null;
    }
}

/// <summary>A fact that needs the corpus: skipped when it is missing, unless CI=true (then it fails).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the corpus is missing outside CI.</summary>
    public CorpusFactAttribute()
    {
        if (Corpus.Root is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "corpus not found (set MODELMETER_CORPUS or place it at ../shared)";
    }
}

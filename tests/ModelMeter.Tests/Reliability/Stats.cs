namespace ModelMeter.Tests.Reliability;

/// <summary>Writes reliability figures to artifacts/reliability/ (for docs/reliability.md).</summary>
internal static class Stats
{
    public static void Write(string name, string text)
    {
        if (Corpus.RepoRoot is not { } root) return;
        var dir = Path.Combine(root, "artifacts", "reliability");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".txt"), text + Environment.NewLine);
    }

    public static void Append(string name, string text)
    {
        if (Corpus.RepoRoot is not { } root) return;
        var dir = Path.Combine(root, "artifacts", "reliability");
        Directory.CreateDirectory(dir);
        lock (typeof(Stats)) File.AppendAllText(Path.Combine(dir, name + ".txt"), text + Environment.NewLine);
    }
}

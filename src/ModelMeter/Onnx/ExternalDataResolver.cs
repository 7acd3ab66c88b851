namespace ModelMeter.Onnx;

/// <summary>
/// Resolves ONNX external-data locations against the model's folder. A location that is absolute, climbs out
/// with <c>..</c>, or reaches outside through a symbolic link is refused (never opened).
/// </summary>
internal sealed class ExternalDataResolver(string? modelFolder)
{
    public enum Status { Ok, Missing, Unsafe }

    private readonly Dictionary<string, (Status Status, string Path, long Size)> _cache = new(StringComparer.Ordinal);
    private string? _realFolder;

    public (Status Status, string Path, long Size) Resolve(string location)
    {
        if (!_cache.TryGetValue(location, out var r))
            _cache[location] = r = ResolveCore(location);
        return r;
    }

    private (Status, string, long) ResolveCore(string location)
    {
        if (modelFolder is null || location.Length == 0 || location.Contains('\0', StringComparison.Ordinal)
            || Path.IsPathRooted(location) || location.StartsWith('\\') || location.Contains(':', StringComparison.Ordinal))
            return (Status.Unsafe, location, 0);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelFolder));
        var full = Path.GetFullPath(Path.Combine(folder, location.Replace('\\', '/')));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return (Status.Unsafe, full, 0);
        _realFolder ??= RealPath(folder, 0);
        var real = RealPath(full, 0);
        if (!real.StartsWith(_realFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return (Status.Unsafe, full, 0);
        var info = new FileInfo(real);
        return info.Exists ? (Status.Ok, real, info.Length) : (Status.Missing, full, 0);
    }

    /// <summary>The path with every symbolic link along it resolved (components that don't exist are kept).</summary>
    private static string RealPath(string full, int hops)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        foreach (var part in parts)
        {
            var candidate = Path.Combine(current, part);
            string? target = null;
            try { target = new FileInfo(candidate).LinkTarget; }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (target is null) { current = candidate; continue; }
            if (++hops > 40) throw new IOException($"too many symbolic links in '{full}'");
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            current = RealPath(resolved, hops);
        }
        return current;
    }
}

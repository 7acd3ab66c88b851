namespace ModelMeter.Reports;

/// <summary>
/// Writes output files atomically: the content goes to a temporary file in the target's folder, which is then renamed
/// over the target. On any failure the temporary file is deleted and the target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        Internals.TempFileWriter.Write(path, write, createFolder: false, flushToDisk: true);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        Write(path, s => s.Write(bytes));
    }
}

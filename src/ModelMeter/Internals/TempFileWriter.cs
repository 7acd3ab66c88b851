namespace ModelMeter.Internals;

/// <summary>
/// The one write-then-rename mechanism: content goes to a temporary file in the target's folder, which is renamed over
/// the target; on any failure the temporary file is deleted and the target is left as it was. Used by the ONNX writer
/// and by <see cref="Reports.AtomicFile"/> for every output file.
/// </summary>
internal static class TempFileWriter
{
    public static void Write(string path, Action<Stream> write, bool createFolder, bool flushToDisk)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (createFolder) Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        bool done = false;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk);
            }
            File.Move(temp, full, overwrite: true);
            done = true;
        }
        finally
        {
            if (!done) TryDelete(temp);
        }
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { /* best effort: the failure being reported matters more */ }
        catch (UnauthorizedAccessException) { /* as above */ }
    }
}

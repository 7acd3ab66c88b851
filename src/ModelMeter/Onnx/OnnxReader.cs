using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>
/// Reads ONNX model files into a <see cref="Model"/>. Tensor payloads are located, not loaded: the reader
/// streams the file and seeks past weights, so a model with inline weights reads as fast as its graph-only twin.
/// Every problem with the file is reported as a <see cref="ModelMeterException"/> of kind <see cref="ErrorKind.BadModel"/>.
/// </summary>
public static class OnnxReader
{
    /// <summary>Reads the model at <paramref name="path"/>; external data is resolved relative to its folder.</summary>
    /// <exception cref="ModelMeterException">The file is missing, unreadable or not a valid ONNX model.</exception>
    public static Model Read(string path, OnnxReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw ModelMeterException.BadModel(path, "is a folder, not a model file");
        if (!File.Exists(path)) throw ModelMeterException.BadModel(path, "file not found");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ModelMeterException.BadModel(path, $"cannot open: {ex.Message}", ex);
        }
        using (stream)
        {
            var full = Path.GetFullPath(path);
            long start = stream.Position;
            return Parse(path, () => { stream.Position = start; return new WireReader(stream); }, new FileTensorSource(full), Path.GetDirectoryName(full), options);
        }
    }

    /// <summary>
    /// Reads a model held in memory. <paramref name="displayPath"/> names it in messages and warnings, and its folder
    /// is where external data files are looked for. Inline payloads are read from <paramref name="data"/> later on
    /// demand, so the array must not be changed afterwards.
    /// </summary>
    /// <exception cref="ModelMeterException">The bytes are not a valid ONNX model.</exception>
    public static Model Read(byte[] data, string displayPath, OnnxReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(displayPath);
        return Parse(displayPath, () => new WireReader(data), new MemoryTensorSource(data, displayPath), FolderOf(displayPath), options);
    }

    /// <summary>
    /// Reads a model from a stream (from its current position to its end). A <see cref="FileStream"/> is streamed and
    /// its payloads are read from its file later; any other stream is first copied into memory.
    /// </summary>
    /// <exception cref="ModelMeterException">The bytes are not a valid ONNX model.</exception>
    public static Model Read(Stream stream, string displayPath, OnnxReadOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        if (stream is FileStream { CanSeek: true } fs)
        {
            var full = Path.GetFullPath(fs.Name);
            long start = fs.Position;
            return Parse(displayPath, () => { fs.Position = start; return new WireReader(fs); }, new FileTensorSource(full), Path.GetDirectoryName(full), options);
        }
        using var copy = new MemoryStream();
        try { stream.CopyTo(copy); }
        catch (IOException ex) { throw ModelMeterException.BadModel(displayPath, $"read error: {ex.Message}", ex); }
        return Read(copy.ToArray(), displayPath, options);
    }

    private static string? FolderOf(string displayPath)
    {
        try { return Path.GetDirectoryName(Path.GetFullPath(displayPath)); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
    }

    private const int BigStack = 512 << 20;

    private static Model Parse(string path, Func<WireReader> reader, ITensorSource source, string? folder, OnnxReadOptions options)
    {
        try
        {
            try
            {
                return ModelProtoReader.ReadModel(new ReadContext(reader(), source, folder, options), path);
            }
            catch (StackExhaustedException)
            {
                // Deeply nested subgraphs: read again on a thread whose stack is large enough for MaxSubgraphDepth.
                Model? model = null;
                Exception? error = null;
                var thread = new Thread(() =>
                {
                    try { model = ModelProtoReader.ReadModel(new ReadContext(reader(), source, folder, options), path); }
                    catch (Exception ex) { error = ex; }
                }, BigStack);
                thread.Start();
                thread.Join();
                if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                return model!;
            }
        }
        catch (Exception ex) when (ex is WireFormatException or StackExhaustedException)
        {
            throw ModelMeterException.BadModel(path, $"not a valid ONNX model ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw ModelMeterException.BadModel(path, $"read error: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException or OutOfMemoryException or InvalidOperationException or NotSupportedException)
        {
            throw ModelMeterException.BadModel(path, $"not a valid ONNX model (malformed: {ex.Message})", ex);
        }
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Reads tensor payloads from a file on demand (the model file itself or an external data file).</summary>
internal sealed class FileTensorSource(string path) : ITensorSource
{
    public string Path { get; } = path;

    public string Description => Path;

    public byte[] Read(long offset, int length)
    {
        try
        {
            // a positioned read on a bare handle: no FileStream buffer, no seek
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = new byte[length];
            for (int done = 0; done < length;)
            {
                int n = RandomAccess.Read(handle, bytes.AsSpan(done), offset + done);
                if (n <= 0) throw new EndOfStreamException($"file ends before offset {offset + length}");
                done += n;
            }
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{Path}: cannot read {length} bytes at offset {offset}: {ex.Message}", ex);
        }
    }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="offset"/> to <paramref name="output"/>.</summary>
    public void CopyTo(Stream output, long offset, long length)
    {
        using var fs = Open();
        fs.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(length, 1 << 20)];
        while (length > 0)
        {
            int n = fs.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (n <= 0) throw new InvalidDataException($"{Path}: ends before offset {offset} + {length}");
            output.Write(buffer, 0, n);
            length -= n;
        }
    }

    private FileStream Open() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
}

/// <summary>Payloads of a model read from memory.</summary>
internal sealed class MemoryTensorSource(byte[] data, string description) : ITensorSource
{
    public string Description { get; } = description;

    public byte[] Read(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > data.Length)
            throw new InvalidDataException($"{Description}: {length} bytes at offset {offset} lie outside the data");
        return data.AsSpan((int)offset, length).ToArray();
    }
}

using System.Text;

namespace ModelMeter.Internals;

/// <summary>
/// Reads a JSON input file (an LLM <c>config.json</c>, a hardware file) at the door: the size is checked against
/// <see cref="MaxBytes"/> and the first bytes must open a JSON object or array before the file is read whole, so a
/// multi-gigabyte checkpoint given by mistake is refused at once instead of being loaded into memory.
/// </summary>
internal static class JsonInput
{
    /// <summary>The largest JSON input accepted: 16 MiB (a Hugging Face config is a few KiB; the hardware catalog ~100 KiB).</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>What the first bytes of a file are, in words, or null when they open JSON (after an optional BOM and whitespace).</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        var s = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head; // UTF-8 byte order mark
        int i = 0;
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i < s.Length && s[i] is (byte)'{' or (byte)'[' or (byte)'/') return null; // '/': a leading comment (allowed in our JSON inputs)
        if (s.StartsWith("GGUF"u8)) return "a GGUF checkpoint";
        if (s.StartsWith("PK\x03\x04"u8)) return "a zip archive (a PyTorch .pt/.bin checkpoint?)";
        if (s.Length >= 9 && s[8] == (byte)'{' && s[..8].IndexOfAnyExcept((byte)0) >= 0) return "a safetensors checkpoint";
        if (s.StartsWith("\x08"u8)) return "an ONNX model (protobuf)";
        if (i == s.Length) return "empty";
        return "not JSON (first bytes " + Convert.ToHexString(s[..Math.Min(8, s.Length)]) + ")";
    }

    /// <summary>Reads the file as UTF-8 text after the size and first-bytes checks.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file should be, for the error ("LLM config.json", "hardware file").</param>
    /// <param name="ioKind">The error kind when the file cannot be read at all (too large or not JSON is always <see cref="ErrorKind.BadModel"/>).</param>
    /// <exception cref="ModelMeterException">One line naming the file: unreadable, too large, or not JSON.</exception>
    public static string Read(string path, string what, ErrorKind ioKind = ErrorKind.BadModel)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > MaxBytes)
                throw Fail(path, $"{stream.Length:N0} bytes is too large for a {what} (the limit is {MaxBytes >> 20} MiB of JSON)", ErrorKind.BadModel);
            Span<byte> head = stackalloc byte[16];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (Sniff(head[..n]) is { } found) throw Fail(path, $"not a {what}: the file is {found}", ErrorKind.BadModel);
            stream.Position = 0;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"cannot read {what}: {e.Message}", ioKind, e);
        }
    }

    private static ModelMeterException Fail(string path, string problem, ErrorKind kind, Exception? inner = null)
        => new(kind, $"{path}: {problem}", inner);
}

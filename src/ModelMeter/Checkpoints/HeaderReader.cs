using System.Buffers.Binary;
using System.Text;

namespace ModelMeter.Checkpoints;

/// <summary>A problem in a checkpoint header; the readers turn it into a BadModel error naming the file.</summary>
internal sealed class HeaderFormatException(string message) : Exception(message);

/// <summary>
/// Little-endian reads over a seekable stream through one 64 KiB buffer. Every read and skip is checked against the
/// end of the data first, so a declared length past the end is an error, never an allocation or a long loop.
/// </summary>
internal sealed class HeaderReader
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(false, false);
    private readonly Stream _stream;
    private readonly byte[] _buf = new byte[BufferSize];
    private long _bufStart;
    private int _bufLen, _pos;

    /// <summary>Opens a checkpoint file for positioned header reads (no read-ahead buffer: the reader has its own); a file that
    /// cannot be opened is a BadModel error naming it.</summary>
    public static FileStream OpenFile(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw ModelMeterException.BadModel(path, $"cannot read: {e.Message}", e);
        }
    }

    public HeaderReader(Stream stream)
    {
        _stream = stream;
        _bufStart = stream.Position;
        End = stream.Length;
    }

    /// <summary>Absolute end of the data.</summary>
    public long End { get; }

    /// <summary>Absolute position of the next byte.</summary>
    public long Position => _bufStart + _pos;

    /// <summary>Bytes left.</summary>
    public long Remaining => End - Position;

    private void Need(long n, string what)
    {
        if (n < 0 || n > Remaining)
            throw new HeaderFormatException($"truncated: {what} at byte {Position} needs {n} byte(s), {Remaining} left");
        if (_bufLen - _pos >= n) return;
        // move what is left to the front, then fill
        int left = _bufLen - _pos;
        Buffer.BlockCopy(_buf, _pos, _buf, 0, left);
        _bufStart += _pos;
        _pos = 0;
        _bufLen = left;
        _stream.Position = _bufStart + _bufLen;
        while (_bufLen < n)
        {
            int r = _stream.Read(_buf, _bufLen, _buf.Length - _bufLen);
            if (r <= 0) throw new HeaderFormatException($"truncated: {what} at byte {Position}: the file ended early");
            _bufLen += r;
        }
    }

    public byte U8(string what) { Need(1, what); return _buf[_pos++]; }

    public ushort U16(string what) { Need(2, what); var v = BinaryPrimitives.ReadUInt16LittleEndian(_buf.AsSpan(_pos)); _pos += 2; return v; }

    public uint U32(string what) { Need(4, what); var v = BinaryPrimitives.ReadUInt32LittleEndian(_buf.AsSpan(_pos)); _pos += 4; return v; }

    public ulong U64(string what) { Need(8, what); var v = BinaryPrimitives.ReadUInt64LittleEndian(_buf.AsSpan(_pos)); _pos += 8; return v; }

    /// <summary>Reads <paramref name="n"/> bytes (the caller has capped n) into a new array.</summary>
    public byte[] Bytes(long n, string what)
    {
        if (n < 0 || n > Remaining) throw new HeaderFormatException($"truncated: {what} at byte {Position} declares {n} byte(s), {Remaining} left");
        var result = new byte[n];
        int done = 0;
        while (done < n)
        {
            Need(Math.Min(BufferSize, n - done), what);
            int take = (int)Math.Min(_bufLen - _pos, n - done);
            Buffer.BlockCopy(_buf, _pos, result, done, take);
            _pos += take;
            done += take;
        }
        return result;
    }

    /// <summary>A UTF-8 string of <paramref name="n"/> bytes (invalid sequences become U+FFFD).</summary>
    public string Utf8String(long n, string what)
    {
        if (n <= _bufLen - _pos && n <= BufferSize)
        {
            var s = Utf8.GetString(_buf, _pos, (int)n);
            _pos += (int)n;
            return s;
        }
        if (n <= BufferSize)
        {
            Need(n, what);
            var s = Utf8.GetString(_buf, _pos, (int)n);
            _pos += (int)n;
            return s;
        }
        return Utf8.GetString(Bytes(n, what));
    }

    /// <summary>Skips <paramref name="n"/> bytes, within the buffer or by a seek.</summary>
    public void Skip(ulong n, string what)
    {
        if (n > (ulong)Remaining) throw new HeaderFormatException($"truncated: {what} at byte {Position} declares {n} byte(s), {Remaining} left");
        if ((ulong)(_bufLen - _pos) >= n) { _pos += (int)n; return; }
        _bufStart = Position + (long)n;
        _pos = _bufLen = 0;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace ModelMeter.Onnx;

/// <summary>A problem in the protobuf bytes; the reader turns it into a BadModel error naming the file.</summary>
internal sealed class WireFormatException(string message) : Exception(message);

/// <summary>
/// A small protobuf wire reader over a seekable stream (or a byte array) that knows absolute positions,
/// so payloads can be located and skipped with a seek instead of being read. Every read is checked
/// against the current message limit: a declared length past the end is an error, never an allocation.
/// </summary>
internal sealed class WireReader
{
    public const int VarintType = 0, Fixed64Type = 1, LengthType = 2, StartGroupType = 3, EndGroupType = 4, Fixed32Type = 5;
    private const int BufferSize = 1 << 16;
    private const int SmallRead = 1 << 12;

    private readonly Stream? _stream;
    private readonly byte[] _buf;
    private long _bufStart; // absolute position of _buf[0]
    private int _bufLen;
    private int _pos;
    private readonly long _end;
    private bool _afterSeek;

    public WireReader(Stream stream)
    {
        _stream = stream;
        _buf = new byte[BufferSize];
        _bufStart = stream.Position;
        _end = stream.Length;
        Limit = _end;
    }

    public WireReader(byte[] data)
    {
        _buf = data;
        _bufLen = data.Length;
        _end = data.Length;
        Limit = _end;
    }

    /// <summary>Absolute position of the next byte.</summary>
    public long Position => _bufStart + _pos;

    /// <summary>End of the current message (absolute).</summary>
    public long Limit { get; private set; }

    /// <summary>Absolute end of the data.</summary>
    public long End => _end;

    private WireFormatException Overrun(long need) => Limit == _end
        ? new WireFormatException($"truncated at byte {_end}: {need} more byte(s) needed at byte {Position}")
        : new WireFormatException($"malformed: a field at byte {Position} runs past the end of its message (byte {Limit})");

    private void Fill(int need)
    {
        if (_stream is null) throw Overrun(need);
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _bufLen - _pos);
            _bufStart += _pos;
            _bufLen -= _pos;
            _pos = 0;
        }
        while (_bufLen < need)
        {
            // Right after a seek past a payload, only a small message header usually follows before the next
            // payload: read a little rather than a whole buffer.
            int want = _buf.Length - _bufLen;
            if (_afterSeek) want = Math.Min(want, Math.Max(need - _bufLen, SmallRead));
            _afterSeek = false;
            int n = _stream.Read(_buf, _bufLen, want);
            if (n <= 0) throw new WireFormatException($"truncated at byte {_bufStart + _bufLen}");
            _bufLen += n;
        }
    }

    private void Ensure(int n)
    {
        if (Limit - Position < n) throw Overrun(n);
        if (_bufLen - _pos < n) Fill(n);
    }

    private byte ReadByte()
    {
        if (Position >= Limit) throw Overrun(1);
        if (_pos >= _bufLen) Fill(1);
        return _buf[_pos++];
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new WireFormatException($"malformed: varint longer than 10 bytes at byte {Position}");
    }

    /// <summary>Reads the next tag; false at the end of the current message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (Position >= Limit) { field = 0; wireType = 0; return false; }
        long at = Position;
        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (tag > uint.MaxValue || field == 0 || field > 536_870_911)
            throw new WireFormatException($"not a protobuf message: invalid field number at byte {at}");
        if (wireType > 5) throw new WireFormatException($"not a protobuf message: invalid wire type {wireType} at byte {at}");
        return true;
    }

    public uint ReadFixed32()
    {
        Ensure(4);
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_buf.AsSpan(_pos));
        _pos += 4;
        return v;
    }

    public ulong ReadFixed64()
    {
        Ensure(8);
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_buf.AsSpan(_pos));
        _pos += 8;
        return v;
    }

    /// <summary>Reads a length prefix and checks it fits in the current message.</summary>
    public long ReadLength()
    {
        ulong len = ReadVarint();
        if (len > (ulong)(Limit - Position))
            throw Limit == _end
                ? new WireFormatException($"truncated at byte {_end}: a field at byte {Position} declares {len} bytes")
                : new WireFormatException($"malformed: a field at byte {Position} declares {len} bytes, past the end of its message (byte {Limit})");
        return (long)len;
    }

    /// <summary>Reads a length prefix and makes it the current limit; returns the previous limit.</summary>
    public long PushMessage()
    {
        long len = ReadLength();
        long old = Limit;
        Limit = Position + len;
        return old;
    }

    public void PopMessage(long oldLimit)
    {
        if (Position < Limit) Skip(Limit - Position);
        Limit = oldLimit;
    }

    public void Skip(long n)
    {
        if (n < 0 || n > Limit - Position) throw Overrun(n);
        if (n <= _bufLen - _pos) { _pos += (int)n; return; }
        long target = Position + n;
        _stream!.Seek(target, SeekOrigin.Begin);
        _bufStart = target;
        _pos = _bufLen = 0;
        _afterSeek = true;
    }

    /// <summary>Skips a length-delimited field and returns where its bytes are.</summary>
    public (long Offset, long Length) SkipBytes()
    {
        long len = ReadLength();
        long off = Position;
        Skip(len);
        return (off, len);
    }

    public byte[] ReadBytes() => ReadRaw(ReadLength());

    private byte[] ReadRaw(long len)
    {
        var result = new byte[len];
        int have = (int)Math.Min(len, _bufLen - _pos);
        Buffer.BlockCopy(_buf, _pos, result, 0, have);
        _pos += have;
        if (have < len)
        {
            long at = Position;
            try { _stream!.ReadExactly(result, have, (int)(len - have)); }
            catch (EndOfStreamException) { throw new WireFormatException($"truncated at byte {at}"); }
            _bufStart = at + (len - have);
            _pos = _bufLen = 0;
        }
        return result;
    }

    public string ReadString()
    {
        long len = ReadLength();
        if (len == 0) return "";
        if (len > BufferSize) return Encoding.UTF8.GetString(ReadRaw(len));
        Ensure((int)len);
        var s = Encoding.UTF8.GetString(_buf, _pos, (int)len);
        _pos += (int)len;
        return s;
    }

    /// <summary>Skips the value of a field whose tag was just read (groups included).</summary>
    public void SkipField(int wireType)
    {
        switch (wireType)
        {
            case VarintType: ReadVarint(); break;
            case Fixed64Type: Skip(8); break;
            case LengthType: Skip(ReadLength()); break;
            case Fixed32Type: Skip(4); break;
            case StartGroupType:
                int depth = 1;
                while (depth > 0)
                {
                    if (!TryReadTag(out _, out int wt)) throw Overrun(1);
                    if (wt == StartGroupType) depth++;
                    else if (wt == EndGroupType) depth--;
                    else SkipField(wt);
                }
                break;
            default: throw new WireFormatException($"malformed: unexpected end-group at byte {Position}");
        }
    }
}

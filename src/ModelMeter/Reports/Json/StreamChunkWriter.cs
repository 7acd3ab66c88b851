using System.Buffers;

namespace ModelMeter.Reports.Json;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that hands out one reusable buffer and writes what was committed to a stream
/// whenever more room is asked for: a <see cref="System.Text.Json.Utf8JsonWriter"/> on it streams a document of any
/// size through a few tens of kilobytes.
/// </summary>
internal sealed class StreamChunkWriter(Stream stream) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[1 << 16];
    private int _count;

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_count + count > _buffer.Length) throw new InvalidOperationException("advanced past the buffer");
        _count += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_count);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_count);
    }

    /// <summary>Writes the committed bytes to the stream.</summary>
    public void Flush()
    {
        if (_count > 0) stream.Write(_buffer, 0, _count);
        _count = 0;
    }

    private void Reserve(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _count >= need && _count < _buffer.Length / 2) return;
        Flush();
        if (_buffer.Length < need) _buffer = new byte[need];
    }
}

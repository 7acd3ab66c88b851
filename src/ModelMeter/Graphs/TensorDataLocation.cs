namespace ModelMeter.Graphs;

/// <summary>How a tensor's payload is stored.</summary>
public enum TensorEncoding
{
    /// <summary>No payload at all (declared only).</summary>
    None,
    /// <summary>Little-endian bytes of the element type (<c>raw_data</c>, or external data).</summary>
    Raw,
    /// <summary>Packed varints of a repeated int32 field (int32, int16, int8, uint8, uint16, bool, float16 bit patterns).</summary>
    VarintInt32,
    /// <summary>Packed varints of the int64 field.</summary>
    VarintInt64,
    /// <summary>Packed varints of the uint64 field (uint32, uint64).</summary>
    VarintUInt64,
    /// <summary>Packed little-endian 32-bit floats (float_data).</summary>
    Fixed32Float,
    /// <summary>Packed little-endian 64-bit doubles (double_data).</summary>
    Fixed64Double,
    /// <summary>Values already decoded in memory (<see cref="TensorData.InlineValues"/>).</summary>
    Decoded,
}

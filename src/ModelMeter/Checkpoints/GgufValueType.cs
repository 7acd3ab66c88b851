namespace ModelMeter.Checkpoints;

/// <summary>GGUF metadata value types (<c>gguf_type</c> in ggml/include/gguf.h).</summary>
public enum GgufValueType
{
    /// <summary>uint8.</summary>
    UInt8 = 0,
    /// <summary>int8.</summary>
    Int8 = 1,
    /// <summary>uint16.</summary>
    UInt16 = 2,
    /// <summary>int16.</summary>
    Int16 = 3,
    /// <summary>uint32.</summary>
    UInt32 = 4,
    /// <summary>int32.</summary>
    Int32 = 5,
    /// <summary>float32.</summary>
    Float32 = 6,
    /// <summary>bool (one byte, 0 or 1).</summary>
    Bool = 7,
    /// <summary>string: uint64 length + UTF-8 bytes.</summary>
    String = 8,
    /// <summary>array: element type (uint32), count (uint64), elements.</summary>
    Array = 9,
    /// <summary>uint64.</summary>
    UInt64 = 10,
    /// <summary>int64.</summary>
    Int64 = 11,
    /// <summary>float64.</summary>
    Float64 = 12,
}

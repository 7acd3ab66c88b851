namespace ModelMeter.Graphs;

/// <summary>Tensor element types, numbered as in ONNX's <c>TensorProto.DataType</c>.</summary>
public enum DataType
{
    /// <summary>Not known.</summary>
    Undefined = 0,
    /// <summary>32-bit float.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>String (counted as 8 bytes per element, a pointer).</summary>
    String = 8,
    /// <summary>Boolean (1 byte).</summary>
    Bool = 9,
    /// <summary>IEEE half precision.</summary>
    Float16 = 10,
    /// <summary>64-bit float.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Complex of two 32-bit floats.</summary>
    Complex64 = 14,
    /// <summary>Complex of two 64-bit floats.</summary>
    Complex128 = 15,
    /// <summary>Brain float 16.</summary>
    BFloat16 = 16,
    /// <summary>FP8 E4M3 (finite, NaN only).</summary>
    Float8E4M3FN = 17,
    /// <summary>FP8 E4M3 without negative zero.</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>FP8 E5M2.</summary>
    Float8E5M2 = 19,
    /// <summary>FP8 E5M2 without negative zero.</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>Unsigned 4-bit integer, two per byte.</summary>
    UInt4 = 21,
    /// <summary>Signed 4-bit integer, two per byte.</summary>
    Int4 = 22,
    /// <summary>FP4 E2M1, two per byte.</summary>
    Float4E2M1 = 23,
}

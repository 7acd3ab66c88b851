namespace ModelMeter.Graphs;

/// <summary>Facts about <see cref="DataType"/>: element size, names, families.</summary>
public static class DataTypes
{
    /// <summary>Bits one element occupies in memory (4 for the packed int4/uint4/fp4 types).</summary>
    public static int Bits(DataType t) => t switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 32,
        DataType.Double or DataType.Int64 or DataType.UInt64 or DataType.Complex64 or DataType.String => 64,
        DataType.Complex128 => 128,
        DataType.Float16 or DataType.BFloat16 or DataType.Int16 or DataType.UInt16 => 16,
        DataType.UInt8 or DataType.Int8 or DataType.Bool or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
            or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ => 8,
        DataType.UInt4 or DataType.Int4 or DataType.Float4E2M1 => 4,
        _ => 32,
    };

    /// <summary>Bytes taken by <paramref name="elements"/> elements (packed 4-bit types round up to whole bytes).</summary>
    public static long Bytes(DataType t, long elements)
    {
        var bits = Bits(t);
        return bits >= 8 ? checked(elements * (bits / 8)) : (elements * bits + 7) / 8;
    }

    /// <summary>True for the floating-point element types (including fp8/fp4 and complex).</summary>
    public static bool IsFloat(DataType t) => t is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16
        or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ
        or DataType.Float4E2M1 or DataType.Complex64 or DataType.Complex128;

    /// <summary>True for the integer types used for quantized weights (int4/uint4/int8/uint8/int16/uint16).</summary>
    public static bool IsQuantizedInteger(DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int4
        or DataType.UInt4 or DataType.Int16 or DataType.UInt16;

    /// <summary>True for the index and mask types that hold shapes, indices and conditions rather than numeric data
    /// (int32/uint32/int64/uint64, bool, string): a what-if precision does not change their size.</summary>
    public static bool IsIndex(DataType t) => t is DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64
        or DataType.Bool or DataType.String;

    /// <summary>True for any integer type.</summary>
    public static bool IsInteger(DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.UInt16
        or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64 or DataType.Int4 or DataType.UInt4;

    /// <summary>Short lower-case name used in every output (float32, float16, int8, …).</summary>
    public static string Name(DataType t) => t switch
    {
        DataType.Float => "float32",
        DataType.Double => "float64",
        DataType.Float16 => "float16",
        DataType.BFloat16 => "bfloat16",
        DataType.Int8 => "int8",
        DataType.UInt8 => "uint8",
        DataType.Int16 => "int16",
        DataType.UInt16 => "uint16",
        DataType.Int32 => "int32",
        DataType.UInt32 => "uint32",
        DataType.Int64 => "int64",
        DataType.UInt64 => "uint64",
        DataType.Bool => "bool",
        DataType.String => "string",
        DataType.Complex64 => "complex64",
        DataType.Complex128 => "complex128",
        DataType.Float8E4M3FN => "float8e4m3fn",
        DataType.Float8E4M3FNUZ => "float8e4m3fnuz",
        DataType.Float8E5M2 => "float8e5m2",
        DataType.Float8E5M2FNUZ => "float8e5m2fnuz",
        DataType.UInt4 => "uint4",
        DataType.Int4 => "int4",
        DataType.Float4E2M1 => "float4e2m1",
        _ => "undefined",
    };

    /// <summary>Parses a name as printed by <see cref="Name"/> (also accepts float, int, half, fp16, bf16).</summary>
    public static DataType Parse(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "float" or "fp32" => DataType.Float,
        "float64" or "double" or "fp64" => DataType.Double,
        "float16" or "half" or "fp16" => DataType.Float16,
        "bfloat16" or "bf16" => DataType.BFloat16,
        "int8" => DataType.Int8,
        "uint8" => DataType.UInt8,
        "int16" => DataType.Int16,
        "uint16" => DataType.UInt16,
        "int32" or "int" => DataType.Int32,
        "uint32" => DataType.UInt32,
        "int64" or "long" => DataType.Int64,
        "uint64" => DataType.UInt64,
        "bool" => DataType.Bool,
        "string" => DataType.String,
        "float8e4m3fn" or "fp8" => DataType.Float8E4M3FN,
        "float8e5m2" => DataType.Float8E5M2,
        "int4" => DataType.Int4,
        "uint4" => DataType.UInt4,
        _ => throw new ArgumentException($"unknown data type '{name}'", nameof(name)),
    };
}

using System.Collections.Frozen;

namespace ModelMeter.Checkpoints;

/// <summary>
/// The safetensors dtypes (huggingface/safetensors, <c>Dtype</c> in safetensors/src/tensor.rs) and their bits per
/// element: the 8-bit floats F8_E4M3, F8_E5M2 and F8_E8M0 (the MX scale type), the packed sub-byte floats F4 (E2M1) and
/// F6_E2M3 / F6_E3M2, and the integer types that GPTQ/AWQ checkpoints use to pack 4-bit weights (I32).
/// </summary>
public static class SafetensorsDtypes
{
    private static readonly FrozenDictionary<string, int> Bits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BOOL"] = 8, ["U8"] = 8, ["I8"] = 8, ["F8_E5M2"] = 8, ["F8_E4M3"] = 8, ["F8_E8M0"] = 8,
        ["I16"] = 16, ["U16"] = 16, ["F16"] = 16, ["BF16"] = 16,
        ["I32"] = 32, ["U32"] = 32, ["F32"] = 32,
        ["F64"] = 64, ["I64"] = 64, ["U64"] = 64, ["C64"] = 64,
        ["F4"] = 4, ["F6_E2M3"] = 6, ["F6_E3M2"] = 6,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every dtype name, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Bits.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Bits per element of <paramref name="dtype"/>, or null for an unknown name.</summary>
    public static int? BitsOf(string dtype) => Bits.TryGetValue(dtype ?? "", out var b) ? b : null;

    /// <summary>Payload bytes of <paramref name="elements"/> elements (sub-byte types packed, rounded up to a byte).</summary>
    public static long Bytes(string dtype, long elements)
    {
        int bits = BitsOf(dtype) ?? throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype");
        return bits % 8 == 0 ? checked(elements * (bits / 8)) : checked((elements * bits + 7) / 8);
    }
}

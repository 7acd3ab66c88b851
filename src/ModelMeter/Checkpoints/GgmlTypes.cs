using System.Collections.Frozen;

namespace ModelMeter.Checkpoints;

/// <summary>
/// Block layouts of the ggml tensor types: weights per block and bytes per block, from the block structs of
/// ggml/src/ggml-common.h (<c>block_q4_0</c> = fp16 d + 16 bytes of nibbles = 18 bytes per 32 weights, …) and the
/// <c>type_traits</c> table of ggml.c. Bits per weight = 8 × bytes / block. Q8_1 uses the current layout
/// (<c>half2 ds</c>, 36 bytes; 2023 builds stored two floats, 40 bytes).
/// </summary>
public static class GgmlTypes
{
    private const int QkK = 256;

    private static readonly FrozenDictionary<GgmlType, (int Block, int Bytes)> Layout = new Dictionary<GgmlType, (int, int)>
    {
        [GgmlType.F32] = (1, 4), [GgmlType.F16] = (1, 2), [GgmlType.BF16] = (1, 2), [GgmlType.F64] = (1, 8),
        [GgmlType.I8] = (1, 1), [GgmlType.I16] = (1, 2), [GgmlType.I32] = (1, 4), [GgmlType.I64] = (1, 8),
        [GgmlType.Q4_0] = (32, 2 + 16), [GgmlType.Q4_1] = (32, 2 + 2 + 16),
        [GgmlType.Q5_0] = (32, 2 + 4 + 16), [GgmlType.Q5_1] = (32, 2 + 2 + 4 + 16),
        [GgmlType.Q8_0] = (32, 2 + 32), [GgmlType.Q8_1] = (32, 2 + 2 + 32),
        [GgmlType.Q2_K] = (QkK, QkK / 16 + QkK / 4 + 2 + 2),            // scales, qs, d, dmin
        [GgmlType.Q3_K] = (QkK, QkK / 8 + QkK / 4 + 12 + 2),            // hmask, qs, scales, d
        [GgmlType.Q4_K] = (QkK, 2 + 2 + 12 + QkK / 2),                  // d, dmin, scales, qs
        [GgmlType.Q5_K] = (QkK, 2 + 2 + 12 + QkK / 8 + QkK / 2),        // d, dmin, scales, qh, qs
        [GgmlType.Q6_K] = (QkK, QkK / 2 + QkK / 4 + QkK / 16 + 2),      // ql, qh, scales, d
        [GgmlType.Q8_K] = (QkK, 4 + QkK + QkK / 16 * 2),                // float d, qs, int16 bsums
        [GgmlType.IQ2_XXS] = (QkK, 2 + QkK / 8 * 2),                    // d, uint16 qs[QK_K/8]
        [GgmlType.IQ2_XS] = (QkK, 2 + QkK / 8 * 2 + QkK / 32),          // d, qs, scales
        [GgmlType.IQ2_S] = (QkK, 2 + QkK / 4 + QkK / 32 + QkK / 32),    // d, qs, qh, scales
        [GgmlType.IQ3_XXS] = (QkK, 2 + 3 * QkK / 8),                    // d, qs
        [GgmlType.IQ3_S] = (QkK, 2 + QkK / 4 + QkK / 32 + QkK / 8 + 4), // d, qs, qh, signs, scales
        [GgmlType.IQ1_S] = (QkK, 2 + QkK / 8 + QkK / 32 * 2),           // d, qs, uint16 qh
        [GgmlType.IQ1_M] = (QkK, QkK / 8 + QkK / 16 + QkK / 32),        // qs, qh, scales
        [GgmlType.IQ4_NL] = (32, 2 + 16),                               // d, qs
        [GgmlType.IQ4_XS] = (QkK, 2 + 2 + QkK / 64 + QkK / 2),          // d, scales_h, scales_l, qs
        [GgmlType.TQ1_0] = (QkK, (QkK - 4 * QkK / 64) / 5 + QkK / 64 + 2), // qs, qh, d
        [GgmlType.TQ2_0] = (QkK, QkK / 4 + 2),                          // qs, d
        [GgmlType.MXFP4] = (32, 1 + 16),                                // e8m0 e, qs
        [GgmlType.NVFP4] = (64, 4 + 32),                                // four e4m3 scales, qs
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, GgmlType> ByName =
        Layout.Keys.ToFrozenDictionary(t => t.ToString(), t => t, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known type, by id.</summary>
    public static IReadOnlyList<GgmlType> All { get; } = [.. Layout.Keys.Order()];

    /// <summary>True when <paramref name="id"/> is a ggml type this reader knows.</summary>
    public static bool IsKnown(uint id) => id <= int.MaxValue && Layout.ContainsKey((GgmlType)id);

    /// <summary>Weights per block (1 for plain types, 32 or 256 for quantized ones).</summary>
    public static int BlockSize(GgmlType type) => Get(type).Block;

    /// <summary>Bytes per block.</summary>
    public static int TypeSize(GgmlType type) => Get(type).Bytes;

    /// <summary>Bits per weight: 8 × bytes per block / weights per block (Q4_0 = 4.5, Q8_0 = 8.5, Q4_K = 4.5, Q6_K = 6.5625).</summary>
    public static double BitsPerWeight(GgmlType type) => 8.0 * TypeSize(type) / BlockSize(type);

    /// <summary>True for the block-quantized types (block size above 1).</summary>
    public static bool IsQuantized(GgmlType type) => BlockSize(type) > 1;

    /// <summary>The type named <paramref name="name"/> (case-insensitive: <c>q4_k</c>, <c>IQ4_XS</c>, <c>bf16</c>).</summary>
    public static bool TryParse(string name, out GgmlType type) => ByName.TryGetValue(name ?? "", out type);

    /// <summary>
    /// Bytes of a tensor of <paramref name="elements"/> weights whose rows hold <paramref name="rowLength"/> weights
    /// (ne[0]); null when the row length is not a multiple of the block size (ggml cannot store it).
    /// </summary>
    public static long? Bytes(GgmlType type, long rowLength, long elements)
    {
        var (block, size) = Get(type);
        if (rowLength <= 0 || rowLength % block != 0 || elements % rowLength != 0) return elements == 0 ? 0 : null;
        return checked(elements / block * size);
    }

    private static (int Block, int Bytes) Get(GgmlType type)
        => Layout.TryGetValue(type, out var l) ? l : throw new ArgumentOutOfRangeException(nameof(type), type, "unknown ggml type");
}

using System.Globalization;

namespace ModelMeter.Checkpoints;

/// <summary>
/// A GGUF metadata value: a scalar (<see cref="Scalar"/>: long, ulong, double, bool or string), or an array whose
/// <see cref="Count"/> is always known and whose numeric items are kept when there are few enough
/// (<see cref="CheckpointReadOptions.MaxArrayItemsKept"/>); string arrays (the tokenizer's vocabulary) keep only their length.
/// </summary>
/// <param name="Type">Value type.</param>
/// <param name="Scalar">The scalar, or null for an array.</param>
/// <param name="ElementType">Element type of an array (else equal to <paramref name="Type"/>).</param>
/// <param name="Count">Array length (1 for a scalar).</param>
/// <param name="Items">Numeric array items as doubles when kept, else null.</param>
public sealed record GgufValue(GgufValueType Type, object? Scalar, GgufValueType ElementType, long Count, IReadOnlyList<double>? Items)
{
    /// <summary>The value as a 64-bit integer when it is an integer scalar that fits.</summary>
    public long? AsInt64 => Scalar switch
    {
        long l => l,
        ulong u when u <= long.MaxValue => (long)u,
        _ => null,
    };

    /// <summary>The value as a double when it is a numeric scalar.</summary>
    public double? AsDouble => Scalar switch { long l => l, ulong u => u, double d => d, _ => null };

    /// <summary>The string scalar, else null.</summary>
    public string? AsString => Scalar as string;

    /// <summary>A short display form: the scalar, or <c>[type × count]</c> for an array.</summary>
    public override string ToString() => Type == GgufValueType.Array
        ? $"[{ElementType} × {Count.ToString(CultureInfo.InvariantCulture)}]"
        : Scalar switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Scalar?.ToString() ?? "",
        };
}

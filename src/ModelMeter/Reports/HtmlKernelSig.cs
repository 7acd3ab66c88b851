using System.Text.Json.Serialization;

namespace ModelMeter.Reports;

/// <summary>The counts of one fused kernel, shared by every kernel with the same counts (the repeated blocks of a model share
/// theirs): what <c>Forecaster.Run</c> reads of a <c>Kernel</c>, at the counted batch, with the change per unit of batch.</summary>
public sealed record HtmlKernelSig
{
    /// <summary>Kind, as an index into <see cref="HtmlWhatIf.KernelKinds"/>.</summary>
    [JsonPropertyName("k")] public int Kind { get; init; }
    /// <summary>Op class the roofline prices it as (<c>gemm</c> for attention).</summary>
    [JsonPropertyName("c")] public string Class { get; init; } = "";
    /// <summary>Compute precision name of the anchor.</summary>
    [JsonPropertyName("p")] public string Precision { get; init; } = "";
    /// <summary>[FLOPs, bytes read, bytes written, weight bytes, index bytes, index weight bytes].</summary>
    [JsonPropertyName("v")] public IReadOnlyList<double> Values { get; init; } = [];
    /// <summary>Change of <see cref="Values"/> per unit of batch (null: none, or no batch symbol).</summary>
    [JsonPropertyName("dv")] public IReadOnlyList<double>? ValueSlopes { get; init; }
    /// <summary>The GEMM [M, N, K] (null: not a GEMM kernel).</summary>
    [JsonPropertyName("g")] public IReadOnlyList<double>? Gemm { get; init; }
    /// <summary>Change of M per unit of batch.</summary>
    [JsonPropertyName("dg")] public double? GemmSlope { get; init; }
    /// <summary>Bytes of each input the previous kernel wrote (candidates for on-chip residency), in input order.</summary>
    [JsonPropertyName("r")] public IReadOnlyList<double>? Resident { get; init; }
    /// <summary>Change of <see cref="Resident"/> per unit of batch.</summary>
    [JsonPropertyName("dr")] public IReadOnlyList<double>? ResidentSlopes { get; init; }
}

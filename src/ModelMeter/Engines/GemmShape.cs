namespace ModelMeter.Engines;

/// <summary>The GEMM a Conv (implicit GEMM) or matrix product runs, at the batch the model was counted at:
/// an M × N output reduced over K (M = batch × output pixels or rows, N = output channels or columns).</summary>
/// <param name="M">Output rows (scales with batch).</param>
/// <param name="N">Output columns.</param>
/// <param name="K">Reduction length (MACs / (M × N)).</param>
public readonly record struct GemmShape(double M, double N, double K);

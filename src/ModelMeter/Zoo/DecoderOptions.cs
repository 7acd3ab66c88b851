namespace ModelMeter.Zoo;

/// <summary>How <see cref="DecoderBuilder"/> exports a decoder.</summary>
/// <param name="Attention">The fused attention op (default GroupQueryAttention).</param>
/// <param name="WithWeights">Initializers hold deterministic pseudo-random float32 values (else dims only).</param>
/// <param name="Name">Model name (the path becomes <c>zoo:NAME</c>); default <c>decoder-CONFIG</c>.</param>
public readonly record struct DecoderOptions(DecoderAttention Attention = DecoderAttention.GroupQuery, bool WithWeights = false, string? Name = null);

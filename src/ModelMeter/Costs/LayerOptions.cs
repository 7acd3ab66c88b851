using ModelMeter.Graphs;

namespace ModelMeter.Costs;

/// <summary>Options of a <see cref="LayerFormulas"/> calculation.</summary>
/// <param name="Bias">Count a bias (c_out parameters, one add per output element); the chapter's formulas leave it out.</param>
/// <param name="DataType">Element type of input, weights and output, for memory access in bytes (null = float32).</param>
/// <param name="Stride">Convolution stride (null = 1); with 'same' padding the input is stride·H × stride·W.</param>
/// <param name="InputHeight">Input height when known (overrides the derived one).</param>
/// <param name="InputWidth">Input width when known (overrides the derived one).</param>
public readonly record struct LayerOptions(
    bool Bias = false,
    DataType? DataType = null,
    long? Stride = null,
    long? InputHeight = null,
    long? InputWidth = null);


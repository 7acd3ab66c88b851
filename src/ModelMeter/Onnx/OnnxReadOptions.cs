namespace ModelMeter.Onnx;

/// <summary>Options for <see cref="OnnxReader"/>.</summary>
public readonly record struct OnnxReadOptions
{
    /// <summary>Default for <see cref="MaxSubgraphDepth"/>.</summary>
    public const int DefaultMaxSubgraphDepth = 2000;

    /// <summary>
    /// How deeply subgraphs (If/Loop/Scan bodies) and nested types may be nested before the model is refused as
    /// malformed; 0 or less means <see cref="DefaultMaxSubgraphDepth"/>.
    /// </summary>
    public int MaxSubgraphDepth { get; init; }

    internal int EffectiveMaxDepth => MaxSubgraphDepth > 0 ? MaxSubgraphDepth : DefaultMaxSubgraphDepth;
}

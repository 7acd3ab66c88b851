namespace ModelMeter.Costs;

/// <summary>The layer types of the seed chapter's formula table.</summary>
public enum LayerKind
{
    /// <summary>Standard convolution (groups = 1).</summary>
    Conv,
    /// <summary>Fully connected (linear) layer.</summary>
    FullyConnected,
    /// <summary>Group convolution (groups = g).</summary>
    GroupConv,
    /// <summary>Depth-wise convolution (groups = channels, one filter per channel).</summary>
    DepthwiseConv,
}

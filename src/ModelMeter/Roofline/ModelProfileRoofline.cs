using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Adapts the costs stage's <see cref="ModelProfile"/> to the roofline input.</summary>
public static class ModelProfileRoofline
{
    /// <summary>The roofline view of a profile: one <see cref="RooflineNode"/> per node (topological order), the model's distinct
    /// weight bytes and its peak live activation bytes.</summary>
    /// <param name="profile">The analysed model.</param>
    /// <param name="countedAtBatch">The batch size the profile was counted at (the value given to the batch dim; default 1).</param>
    public static RooflineInput ToRooflineInput(this ModelProfile profile, int countedAtBatch = 1)
        => new([.. profile.Nodes.Select(ToRooflineNode)])
        {
            Batch = countedAtBatch,
            WeightBytes = profile.Totals.WeightBytes,
            PeakActivationBytes = profile.Totals.PeakActivationBytes,
        };

    /// <summary>The roofline view of one node.</summary>
    public static RooflineNode ToRooflineNode(this NodeCost node)
        => new(node.Name, node.OpType, node.Class, node.Precision, node.Flops, node.BytesRead, node.BytesWritten, node.WeightBytes)
        {
            IndexBytes = node.IndexBytes,
            IndexWeightBytes = node.IndexWeightBytes,
        };

    /// <summary>Estimates a profile on <paramref name="hw"/> (shorthand for <see cref="ToRooflineInput"/> then
    /// <see cref="RooflineEstimator.Estimate(RooflineInput, HardwareSpec, EstimateOptions)"/>).</summary>
    public static Estimate Estimate(this ModelProfile profile, HardwareSpec hw, EstimateOptions options = default, int countedAtBatch = 1)
        => RooflineEstimator.Estimate(profile.ToRooflineInput(countedAtBatch), hw, options);
}

using ModelMeter.Costs;

namespace ModelMeter.Reports;

/// <summary>How the page's batch what-if is derived, and the state the page opens in.</summary>
/// <param name="CountedBatch">The batch the profile was counted at.</param>
/// <param name="BatchSymbol">The symbol bound to the batch; null = costs are scaled linearly from <paramref name="CountedBatch"/>.</param>
/// <param name="NextBatch">With <paramref name="BatchSymbol"/>: the model analysed at <paramref name="CountedBatch"/> + 1.</param>
/// <param name="Check">With <paramref name="BatchSymbol"/>: the model analysed at a third batch, to confirm the costs are linear.</param>
/// <param name="BatchNote">How the batch is applied (shown in the page).</param>
/// <param name="Chip">Chip id selected when the page opens (null: the first chip given, or none).</param>
/// <param name="Precision">Precision plan selected when the page opens (<c>model</c> = the model's own).</param>
/// <param name="Batch">Batch selected when the page opens (0 = <paramref name="CountedBatch"/>).</param>
/// <param name="Engine">Engine id selected when the page opens (null: none given).</param>
public readonly record struct HtmlWhatIfOptions(
    int CountedBatch = 1,
    string? BatchSymbol = null,
    ModelProfile? NextBatch = null,
    (int Batch, ModelProfile Profile)? Check = null,
    string BatchNote = "",
    string? Chip = null,
    string Precision = "model",
    int Batch = 0,
    string? Engine = null);

namespace ModelMeter.Reports;

/// <summary>
/// What the page needs to recompute every roofline estimate in the browser (chip, precision and batch selectors): the chips' applied
/// peaks, the precision plans, and how node costs depend on the batch. The page reproduces <c>RooflineEstimator.Estimate</c> step by step
/// with the same double arithmetic, so its numbers equal the CLI's JSON for the same choices.
/// </summary>
public sealed record HtmlWhatIf
{
    /// <summary>Chips that can be selected (the report's <c>--hw</c> chips first, then the rest of the catalog).</summary>
    public IReadOnlyList<HtmlWhatIfChip> Chips { get; init; } = [];

    /// <summary>The precision plans (what-if precisions) that can be selected.</summary>
    public IReadOnlyList<HtmlPlan> Plans { get; init; } = [];

    /// <summary>Storage bytes per element of each compute precision (the rescaling base of a precision plan).</summary>
    public IReadOnlyDictionary<string, double> ElementBytes { get; init; } = new Dictionary<string, double>();

    /// <summary>The batch the embedded node costs were counted at.</summary>
    public int CountedBatch { get; init; } = 1;

    /// <summary>The symbol bound to the batch (the first input's leading dim): costs at batch b = costs + slope × (b − counted batch),
    /// exactly as re-analysing with the symbol = b. Null: the CLI scales costs linearly (FLOPs and activations × b / counted batch).</summary>
    public string? BatchSymbol { get; init; }

    /// <summary>Per-node and total cost change per unit of batch (with <see cref="BatchSymbol"/>).</summary>
    public HtmlBatchSlopes? Slopes { get; init; }

    /// <summary>How the batch is applied, as the CLI's estimate notes say it.</summary>
    public string BatchNote { get; init; } = "";

    /// <summary>Selected chip id when the page opens (null: none).</summary>
    public string? Chip { get; init; }

    /// <summary>Selected precision plan when the page opens (<c>model</c> = each node's own precision).</summary>
    public string Precision { get; init; } = "model";

    /// <summary>Selected batch when the page opens.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Selected engine id when the page opens (null: none given, so the total is the node-by-node roofline and the chip's
    /// default engine is shown beside it, as the CLI does without <c>--engine</c>).</summary>
    public string? Engine { get; init; }

    /// <summary>The engines that can be selected, in catalog order.</summary>
    public IReadOnlyList<HtmlEngine> Engines { get; init; } = [];

    /// <summary>Achievable fractions per chip generation (<see cref="HtmlWhatIfChip.Architecture"/> indexes them by id).</summary>
    public IReadOnlyList<HtmlArchitecture> Architectures { get; init; } = [];

    /// <summary>The kernel plans of the engines' distinct fusion rules (<see cref="HtmlEngine.Plan"/>).</summary>
    public IReadOnlyList<HtmlKernelPlan> KernelPlans { get; init; } = [];

    /// <summary>Kernel kind names (<see cref="HtmlKernelSig.Kind"/>).</summary>
    public IReadOnlyList<string> KernelKinds { get; init; } = [];
}

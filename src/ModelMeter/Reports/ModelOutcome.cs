using ModelMeter.Costs;

namespace ModelMeter.Reports;

/// <summary>The result of analysing one model of a multi-model run: a profile, or the error that stopped it.</summary>
/// <param name="Spec">The model argument (path or zoo:NAME).</param>
/// <param name="Profile">The profile, or null when the model failed.</param>
/// <param name="Error">The failure, or null.</param>
public sealed record ModelOutcome(string Spec, ModelProfile? Profile, ModelMeterException? Error);

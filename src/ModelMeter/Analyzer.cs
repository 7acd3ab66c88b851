using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter;

/// <summary>The analysis pipeline in one call: shapes, then costs.</summary>
public static class Analyzer
{
    /// <summary>Infers shapes and counts costs of <paramref name="model"/>.</summary>
    public static ModelProfile Analyze(Model model, ShapeOptions options = default)
        => CostCalculator.Compute(ShapeEngine.Infer(model, options));
}

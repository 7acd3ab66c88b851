namespace ModelMeter.Costs;

/// <summary>One computed quantity of a layer with its derivation.</summary>
/// <param name="Name">Quantity name (Params, MACs, FLOPs, Memory access).</param>
/// <param name="Formula">The formula in symbols, e.g. <c>k_h·k_w·c_in·c_out·H·W / g</c>.</param>
/// <param name="Substituted">The formula with numbers, e.g. <c>3·3·64·128·56·56 / 4</c>.</param>
/// <param name="Value">The result.</param>
/// <param name="Unit">Unit of the result ("" for counts, "B" for bytes).</param>
public sealed record LayerQuantity(string Name, string Formula, string Substituted, long Value, string Unit);

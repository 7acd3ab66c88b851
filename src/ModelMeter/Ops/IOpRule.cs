namespace ModelMeter.Ops;

/// <summary>
/// A rule for one operator family: infers the output types of a node from its input types (and small constant
/// input values), and counts the node's compute cost. Bytes read/written and parameters are derived generically
/// by the costs stage from the types and the roles the rule reports in <see cref="ModelMeter.Costs.OpCost"/>.
/// </summary>
public interface IOpRule
{
    /// <summary>Sets every output type of <see cref="OpContext.Node"/> (and values of small integer outputs when computable).</summary>
    void Infer(OpContext ctx);

    /// <summary>Counts the node's compute cost; called after <see cref="Infer"/> succeeded.</summary>
    Costs.OpCost Cost(OpContext ctx);
}

using ModelMeter.Graphs;
using ModelMeter.Ops;

namespace ModelMeter.Shapes;

/// <summary>A node after inference: its rule (null when the op is unknown) and context with input/output types.</summary>
public sealed class InferredNode
{
    internal InferredNode(Node node, IOpRule? rule, OpContext context, bool inferred)
    {
        Node = node;
        Rule = rule;
        Context = context;
        Inferred = inferred;
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>The rule that handled it, or null for an unknown op.</summary>
    public IOpRule? Rule { get; }

    /// <summary>Context holding input and output states.</summary>
    public OpContext Context { get; }

    /// <summary>True when the rule inferred every output.</summary>
    public bool Inferred { get; }
}

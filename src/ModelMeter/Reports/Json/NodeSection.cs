using ModelMeter.Costs;

namespace ModelMeter.Reports.Json;

/// <summary>JSON <c>nodes</c> item; numbers that were not counted (unknown op, shapes not inferred) are null.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType">Operator type.</param>
/// <param name="Domain">Domain (<c>ai.onnx</c> for the default).</param>
/// <param name="Inputs">Input tensors.</param>
/// <param name="Outputs">Output tensors.</param>
/// <param name="Params">Parameters first used by this node.</param>
/// <param name="Macs">Multiply-accumulates, or null.</param>
/// <param name="Flops">Floating-point operations, or null.</param>
/// <param name="BytesRead">Bytes read, or null.</param>
/// <param name="BytesWritten">Bytes written, or null.</param>
/// <param name="WeightBytes">Bytes of constant tensors read.</param>
/// <param name="MacsExpression">MACs as a formula of the free symbolic dims (grammar of docs/json-schema.md), or null.</param>
/// <param name="FlopsExpression">FLOPs as a formula of the free symbolic dims, or null.</param>
public sealed record NodeSection(string Name, string OpType, string Domain, IReadOnlyList<TensorSection> Inputs,
    IReadOnlyList<TensorSection> Outputs, long Params, long? Macs, long? Flops, long? BytesRead, long? BytesWritten, long WeightBytes,
    string? MacsExpression = null, string? FlopsExpression = null)
{
    /// <summary>Converts a node cost.</summary>
    public static NodeSection From(NodeCost n)
    {
        ArgumentNullException.ThrowIfNull(n);
        long? C(long v) => n.Counted ? v : null;
        return new(n.Name, n.OpType, n.Domain, n.Inputs.Select(TensorSection.From).ToList(), n.Outputs.Select(TensorSection.From).ToList(),
            n.Params, C(n.Macs), C(n.Flops), C(n.BytesRead), C(n.BytesWritten), n.WeightBytes,
            n.Counted ? n.MacsFormula.ToExpression() : null, n.Counted ? n.FlopsFormula.ToExpression() : null);
    }
}

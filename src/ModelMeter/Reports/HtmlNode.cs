namespace ModelMeter.Reports;

/// <summary>One row of the report's per-node table.</summary>
public sealed record HtmlNode
{
    /// <summary>Node name (model-provided; rendered as text).</summary>
    public required string Name { get; init; }

    /// <summary>Op type (model-provided; rendered as text).</summary>
    public required string OpType { get; init; }

    /// <summary>Op domain ("" for the default ONNX domain).</summary>
    public string Domain { get; init; } = "";

    /// <summary>Learned parameters.</summary>
    public long Params { get; init; }

    /// <summary>Multiply-accumulates.</summary>
    public long Macs { get; init; }

    /// <summary>Operations.</summary>
    public long Flops { get; init; }

    /// <summary>Bytes read (inputs and weights).</summary>
    public long BytesRead { get; init; }

    /// <summary>Bytes written (outputs).</summary>
    public long BytesWritten { get; init; }

    /// <summary>Shape of the first output, as text (e.g. <c>1×64×56×56</c>).</summary>
    public string OutputShape { get; init; } = "";

    /// <summary>Shapes of every input (activations and weights), as text: <c>1×64×56×56, 64×64×3×3</c>.</summary>
    public string InputShapes { get; init; } = "";

    /// <summary>Compute precision name (fp32, fp16, int8, ...).</summary>
    public string Precision { get; init; } = "";

    /// <summary>The precision the roofline computes this node in (<c>fp32</c>, <c>int32</c> for every integer type): the what-if's peak key.</summary>
    public string ComputePrecision { get; init; } = "";

    /// <summary>False when no rule counted this node.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>Measured time in seconds (ONNX Runtime), when a measurement ran.</summary>
    public double? MeasuredS { get; init; }

    /// <summary>Indices (into <see cref="HtmlReportData.Nodes"/>) of the nodes whose outputs this node reads: the graph view's edges.</summary>
    public IReadOnlyList<int> Inputs { get; init; } = [];

    /// <summary>Bytes of weights (initializers) among <see cref="BytesRead"/>; they do not scale with batch.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Bytes of integer index and boolean tensors among the bytes moved; a what-if precision leaves them alone.</summary>
    public long IndexBytes { get; init; }

    /// <summary>Bytes of integer index and boolean constants among <see cref="WeightBytes"/>.</summary>
    public long IndexWeightBytes { get; init; }

    /// <summary>Kernel class (<c>conv</c>, <c>gemm</c>, <c>elementwise</c>, …): selects the tensor or vector peak.</summary>
    public string OpClass { get; init; } = "";

    /// <summary>The layer formula behind this node's MACs (<c>modelmeter layer --explain</c>), when one applies.</summary>
    public HtmlLayerFormula? Formula { get; init; }

    /// <summary>MACs as a formula of the symbolic dims left free (e.g. <c>589824*batch*sequence</c>); "" when the count is a number.</summary>
    public string MacsExpression { get; init; } = "";

    /// <summary>FLOPs as a formula of the symbolic dims left free; "" when the count is a number.</summary>
    public string FlopsExpression { get; init; } = "";
}

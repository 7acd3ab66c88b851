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

    /// <summary>Compute precision name (fp32, fp16, int8, ...).</summary>
    public string Precision { get; init; } = "";

    /// <summary>False when no rule counted this node.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>Measured time in seconds (ONNX Runtime), when a measurement ran.</summary>
    public double? MeasuredS { get; init; }
}

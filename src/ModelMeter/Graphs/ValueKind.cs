namespace ModelMeter.Graphs;

/// <summary>What kind of value flows on an edge.</summary>
public enum ValueKind
{
    /// <summary>A dense tensor.</summary>
    Tensor,
    /// <summary>A sequence of tensors (the element type describes each).</summary>
    Sequence,
    /// <summary>An optional tensor or sequence.</summary>
    Optional,
    /// <summary>A map (ONNX-ML).</summary>
    Map,
    /// <summary>A sparse tensor.</summary>
    SparseTensor,
}

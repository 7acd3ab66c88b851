namespace ModelMeter.Costs;

/// <summary>The kind of kernel a node runs; the roofline picks tensor vs vector peaks by it and calibration fits per class.</summary>
public enum OpClass
{
    /// <summary>Dense or grouped convolution (runs on matrix/tensor units).</summary>
    Conv,
    /// <summary>Depth-wise convolution (groups == channels; vector units).</summary>
    DepthwiseConv,
    /// <summary>Gemm/MatMul and other matrix products (tensor units).</summary>
    Gemm,
    /// <summary>Elementwise arithmetic and activations.</summary>
    Elementwise,
    /// <summary>Pooling.</summary>
    Pooling,
    /// <summary>Normalisation (BatchNorm, LayerNorm, Softmax-like).</summary>
    Normalization,
    /// <summary>Reductions.</summary>
    Reduce,
    /// <summary>Data movement: reshape, transpose, concat, gather, pad, resize, cast.</summary>
    DataMovement,
    /// <summary>Metadata only (Shape, Size, Constant): no kernel.</summary>
    Metadata,
    /// <summary>Control flow containers (If, Loop, Scan).</summary>
    ControlFlow,
    /// <summary>Anything else.</summary>
    Other,
}

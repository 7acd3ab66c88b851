namespace ModelMeter.Onnx;

/// <summary>Options for <see cref="OnnxWriter"/>.</summary>
public readonly record struct OnnxWriteOptions
{
    /// <summary>
    /// Write deterministic zeros as the payload of tensors that have none (declared-only tensors, or external data
    /// whose file is missing), so the model can be run. Default: such tensors are written as they are.
    /// </summary>
    public bool FillMissingWeights { get; init; }

    /// <summary>Copy external data that can be read into the model file instead of writing external references.</summary>
    public bool EmbedExternalData { get; init; }
}

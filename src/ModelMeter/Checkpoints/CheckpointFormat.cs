namespace ModelMeter.Checkpoints;

/// <summary>What a model path holds, judged by its first bytes (<see cref="CheckpointLoader.Sniff"/>).</summary>
public enum ModelFileKind
{
    /// <summary>Nothing at the path.</summary>
    Missing,
    /// <summary>A directory (a Hugging Face model folder).</summary>
    Directory,
    /// <summary>A GGUF file ("GGUF" magic).</summary>
    Gguf,
    /// <summary>A safetensors file (8-byte header length, then '{').</summary>
    Safetensors,
    /// <summary>A JSON document (config.json, model.safetensors.index.json).</summary>
    Json,
    /// <summary>Probably an ONNX protobuf (first byte is field 1's varint tag).</summary>
    Onnx,
    /// <summary>None of the above.</summary>
    Unknown,
}

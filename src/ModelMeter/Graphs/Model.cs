namespace ModelMeter.Graphs;

/// <summary>A whole model: metadata, opset imports, the main graph and local functions.</summary>
public sealed class Model
{
    /// <summary>File path the model was read from, or a zoo name such as <c>zoo:resnet50</c>.</summary>
    public string Path { get; init; } = "";
    /// <summary>ONNX IR version.</summary>
    public long IrVersion { get; init; }
    /// <summary>Opset version per domain ("" = ai.onnx).</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; init; } = new Dictionary<string, long>();
    /// <summary>Producer name.</summary>
    public string ProducerName { get; init; } = "";
    /// <summary>Producer version.</summary>
    public string ProducerVersion { get; init; } = "";
    /// <summary>Model domain.</summary>
    public string Domain { get; init; } = "";
    /// <summary>Model version.</summary>
    public long ModelVersion { get; init; }
    /// <summary>Documentation string.</summary>
    public string DocString { get; init; } = "";
    /// <summary>metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The main graph.</summary>
    public required Graph Graph { get; init; }
    /// <summary>Model-local functions.</summary>
    public IReadOnlyList<FunctionDef> Functions { get; init; } = [];
    /// <summary>Warnings found while reading (e.g. external data file missing).</summary>
    public IReadOnlyList<string> ReadWarnings { get; init; } = [];

    /// <summary>Opset of the default domain (0 when not imported).</summary>
    public long DefaultOpset => Opsets.TryGetValue("", out var v) ? v : Opsets.TryGetValue("ai.onnx", out var w) ? w : 0;

    /// <summary>A display name: file name without extension, or the zoo name.</summary>
    public string DisplayName => Path.StartsWith("zoo:", StringComparison.Ordinal) ? Path
        : System.IO.Path.GetFileNameWithoutExtension(Path);
}

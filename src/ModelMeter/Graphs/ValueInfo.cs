namespace ModelMeter.Graphs;

/// <summary>A named, typed value declared by a graph (input, output or value_info).</summary>
public sealed record ValueInfo(string Name, TensorType Type);

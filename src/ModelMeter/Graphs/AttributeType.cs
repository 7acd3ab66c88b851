namespace ModelMeter.Graphs;

/// <summary>Attribute kinds, numbered as ONNX's <c>AttributeProto.AttributeType</c>.</summary>
public enum AttributeType
{
    /// <summary>Not set.</summary>
    Undefined = 0,
    /// <summary>One float.</summary>
    Float = 1,
    /// <summary>One integer.</summary>
    Int = 2,
    /// <summary>One string.</summary>
    String = 3,
    /// <summary>One tensor.</summary>
    Tensor = 4,
    /// <summary>One graph.</summary>
    Graph = 5,
    /// <summary>Floats.</summary>
    Floats = 6,
    /// <summary>Integers.</summary>
    Ints = 7,
    /// <summary>Strings.</summary>
    Strings = 8,
    /// <summary>Tensors.</summary>
    Tensors = 9,
    /// <summary>Graphs.</summary>
    Graphs = 10,
    /// <summary>A sparse tensor.</summary>
    SparseTensor = 11,
    /// <summary>Sparse tensors.</summary>
    SparseTensors = 12,
    /// <summary>A type.</summary>
    TypeProto = 13,
    /// <summary>Types.</summary>
    TypeProtos = 14,
}

using ModelMeter.Graphs;

namespace ModelMeter.Runtime;

/// <summary>An array read from a NumPy <c>.npy</c> file: element type, shape and raw little-endian bytes in C order.</summary>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Data">Element bytes, little-endian, row-major.</param>
public sealed record NpyArray(DataType DataType, long[] Shape, byte[] Data)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>The elements reinterpreted as <typeparamref name="T"/>.</summary>
    public T[] As<T>() where T : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(Data).ToArray();
}

namespace ModelMeter.Graphs;

/// <summary>Where tensor payload bytes can be read from on demand (the model file, an external data file, memory).</summary>
public interface ITensorSource
{
    /// <summary>A short description for error messages (usually the file path).</summary>
    string Description { get; }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    byte[] Read(long offset, int length);
}

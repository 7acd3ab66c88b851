namespace ModelMeter.Runtime;

/// <summary>How to probe this machine.</summary>
/// <param name="Threads">Threads for the all-threads figures; 0 = <see cref="Environment.ProcessorCount"/>.</param>
/// <param name="Repeats">Each figure is the best of this many runs.</param>
/// <param name="ArrayMegabytes">Size of each of the three bandwidth arrays in MiB (far larger than the last-level cache).</param>
/// <param name="GemmSize">Side of the square matrices of the ONNX Runtime MatMul.</param>
/// <param name="FmaSeconds">Approximate seconds per FMA kernel run.</param>
public readonly record struct ProbeOptions(int Threads = 0, int Repeats = 5, int ArrayMegabytes = 128, int GemmSize = 2048, double FmaSeconds = 0.2)
{
    /// <summary>Threads in effect.</summary>
    public int ThreadCount => Threads > 0 ? Threads : Environment.ProcessorCount;
}

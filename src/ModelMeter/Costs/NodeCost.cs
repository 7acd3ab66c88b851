namespace ModelMeter.Costs;

/// <summary>The cost of one node, in the units of docs/counting.md (counts, bytes).</summary>
public sealed record NodeCost
{
    /// <summary>Node name.</summary>
    public required string Name { get; init; }
    /// <summary>Operator type.</summary>
    public required string OpType { get; init; }
    /// <summary>Domain (ai.onnx for the default).</summary>
    public required string Domain { get; init; }
    /// <summary>Inputs.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; init; } = [];
    /// <summary>Outputs.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; init; } = [];
    /// <summary>Parameters first used by this node.</summary>
    public long Params { get; init; }
    /// <summary>Buffers (BatchNormalization running statistics) first used by this node.</summary>
    public long Buffers { get; init; }
    /// <summary>Multiply-accumulates.</summary>
    public long Macs { get; init; }
    /// <summary>Floating-point operations.</summary>
    public long Flops { get; init; }
    /// <summary>Bytes of every input tensor read (activations and weights).</summary>
    public long BytesRead { get; init; }
    /// <summary>Bytes of every output tensor written.</summary>
    public long BytesWritten { get; init; }
    /// <summary>Bytes of constant tensors (weights, buffers) this node reads.</summary>
    public long WeightBytes { get; init; }
    /// <summary>Bytes of integer index and boolean tensors (int32/int64/uint32/uint64, bool, string) among
    /// <see cref="BytesRead"/> + <see cref="BytesWritten"/>: shapes, indices, masks. A what-if precision leaves them alone.</summary>
    public long IndexBytes { get; init; }
    /// <summary>Bytes of integer index and boolean constants among <see cref="WeightBytes"/> (part of <see cref="IndexBytes"/>).</summary>
    public long IndexWeightBytes { get; init; }
    /// <summary>Compute precision.</summary>
    public Precision Precision { get; init; }
    /// <summary>Kernel class.</summary>
    public OpClass Class { get; init; }
    /// <summary>False when the op is unknown (not counted) or its shapes could not be inferred.</summary>
    public bool Counted { get; init; } = true;
    /// <summary><see cref="Macs"/> as a formula of the free symbolic dims (<see cref="Graphs.Dim.Unknown"/> when none is known).</summary>
    public Graphs.Dim MacsFormula { get; init; }
    /// <summary><see cref="Flops"/> as a formula of the free symbolic dims.</summary>
    public Graphs.Dim FlopsFormula { get; init; }
    /// <summary><see cref="BytesRead"/> as a formula of the free symbolic dims.</summary>
    public Graphs.Dim BytesReadFormula { get; init; }
    /// <summary><see cref="BytesWritten"/> as a formula of the free symbolic dims.</summary>
    public Graphs.Dim BytesWrittenFormula { get; init; }
    /// <summary>MACs with formula.</summary>
    internal Count MacsCount => new(Macs, MacsFormula);
    /// <summary>FLOPs with formula.</summary>
    internal Count FlopsCount => new(Flops, FlopsFormula);
    /// <summary>Bytes read with formula.</summary>
    internal Count BytesReadCount => new(BytesRead, BytesReadFormula);
    /// <summary>Bytes written with formula.</summary>
    internal Count BytesWrittenCount => new(BytesWritten, BytesWrittenFormula);
    /// <summary>Memory access cost: bytes read + bytes written.</summary>
    public long MemoryAccessBytes => BytesRead + BytesWritten;

    /// <summary>
    /// The precision as tables show it: <c>fp32</c>, <c>fp16</c>, <c>int8</c>, …; for integer index arithmetic
    /// (<see cref="Costs.Precision.Int32"/>) the element type the node works on (<c>int64</c>, <c>int32</c>, <c>bool</c>),
    /// so an int64 tensor is never shown as int32.
    /// </summary>
    public string PrecisionName => Precision != Precision.Int32 ? Precision.ToString().ToLowerInvariant()
        : (Inputs.FirstOrDefault(t => t.DataType != Graphs.DataType.Undefined) ?? Outputs.FirstOrDefault(t => t.DataType != Graphs.DataType.Undefined))?.DTypeName ?? "int";
}

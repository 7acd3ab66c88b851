using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Costs;

/// <summary>Builds one node's <see cref="NodeCost"/> from its rule's <see cref="OpCost"/> and the tensor types.</summary>
internal static class NodeCostBuilder
{
    public static NodeCost Build(InferredNode n, InferredGraph g, HashSet<string> seenConstants, out long newWeightBytes)
    {
        var ctx = n.Context;
        var node = n.Node;
        OpCost op = OpCost.Zero(OpClass.Other);
        bool counted = n.Rule is not null && n.Inferred;
        if (counted)
        {
            try { op = n.Rule!.Cost(ctx); }
            catch (Exception e) when (e is ShapeException or OverflowException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or DivideByZeroException)
            {
                counted = false;
                ctx.Report(Severity.Error, $"{node.OpType}: cost not counted: {(e is OverflowException ? "count overflows 64 bits" : e.Message)}");
            }
        }
        long paramCount = 0, buffers = 0, weightBytes = 0;
        newWeightBytes = 0;
        Count bytesRead = 0, bytesWritten = 0;
        long indexBytes = 0, indexWeightBytes = 0;
        bool overflow = false;
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            var name = node.Inputs[i];
            if (name.Length == 0 || FirstIndex(node.Inputs, name) < i) continue; // each distinct input once
            var s = ctx.Input(i);
            if (s is null) continue;
            Count bytes = SafeBytes(g.Binding, s.Type, ref overflow);
            // weight bytes are the constants among the bytes read: a metadata input (Reshape's shape) is neither
            bool read = counted && !op.MetadataInputs.Contains(i);
            bool index = DataTypes.IsIndex(s.Type.ElementType);
            if (read) bytesRead = Add(bytesRead, bytes, ref overflow);
            if (read && index) indexBytes = Add(indexBytes, bytes.Value, ref overflow);
            if (s.Tensor is not { } t) continue;
            if (read) weightBytes = Add(weightBytes, bytes.Value, ref overflow);
            if (read && index) indexWeightBytes = Add(indexWeightBytes, bytes.Value, ref overflow);
            if (seenConstants.Contains(name)) continue;
            long elements;
            try { elements = t.ElementCount; } catch (OverflowException) { continue; }
            var dt = t.DataType;
            bool isBuffer = op.BufferInputs.Contains(i) && DataTypes.IsFloat(dt);
            bool weightRole = op.WeightInputs.Contains(i);
            bool paramType = DataTypes.IsFloat(dt) || DataTypes.IsQuantizedInteger(dt) || (weightRole && dt == DataType.Int32);
            if (!isBuffer && !(paramType && (elements > 1 || weightRole))) continue;
            try
            {
                checked
                {
                    long tensorBytes = DataTypes.Bytes(dt, elements);
                    if (isBuffer) buffers += elements;
                    else paramCount += op.PackedInputs.TryGetValue(i, out var per) && per > 1 ? elements * per : elements;
                    newWeightBytes += tensorBytes;
                }
            }
            catch (OverflowException)
            {
                ctx.Report(Severity.Error, $"{node.OpType}: constant '{name}' ({t.Type}) is too large to count in 64 bits: not counted as a parameter");
            }
            seenConstants.Add(name);
        }
        for (int i = 0; i < node.Outputs.Count; i++)
            if (counted && ctx.Output(i) is { } o)
            {
                Count bytes = SafeBytes(g.Binding, o.Type, ref overflow);
                bytesWritten = Add(bytesWritten, bytes, ref overflow);
                if (DataTypes.IsIndex(o.Type.ElementType)) indexBytes = Add(indexBytes, bytes.Value, ref overflow);
            }
        _ = Add(bytesRead, bytesWritten, ref overflow); // memory access = read + written must fit too
        if (overflow && counted)
        {
            // a tensor too large to count in 64 bits: an error on this node, never a made-up or wrapped number
            counted = false;
            bytesRead = bytesWritten = 0;
            weightBytes = indexBytes = indexWeightBytes = 0;
            op = OpCost.Zero(op.Class);
            ctx.Report(Severity.Error, $"{node.OpType}: cost not counted: a tensor's byte count overflows 64 bits");
        }
        Count macs = op.Macs, flops = op.Flops;
        foreach (var nested in op.Nested)
        {
            Count m = 0, f = 0, r = 0, w = 0;
            long wb = 0, ib = 0, iwb = 0;
            foreach (var inner in nested.Graph.Nodes)
            {
                var c = Build(inner, nested.Graph, seenConstants, out var nw);
                m += c.MacsCount; f += c.FlopsCount; r += c.BytesReadCount; w += c.BytesWrittenCount; wb += c.WeightBytes; ib += c.IndexBytes; iwb += c.IndexWeightBytes;
                paramCount += c.Params; buffers += c.Buffers; newWeightBytes += nw;
            }
            if (!counted) continue;
            try
            {
                checked
                {
                    macs += m * nested.Multiplier; flops += f * nested.Multiplier;
                    bytesRead += r * nested.Multiplier; bytesWritten += w * nested.Multiplier;
                    weightBytes += wb * nested.Multiplier.Value; // the body's weights are read on every iteration
                    indexBytes += ib * nested.Multiplier.Value; indexWeightBytes += iwb * nested.Multiplier.Value;
                }
            }
            catch (OverflowException)
            {
                counted = false;
                macs = flops = bytesRead = bytesWritten = 0;
                weightBytes = indexBytes = indexWeightBytes = 0;
                ctx.Report(Severity.Error, $"{node.OpType}: cost not counted: subgraph count × {nested.Multiplier} overflows 64 bits");
            }
        }
        return new NodeCost
        {
            Name = node.Name,
            OpType = node.OpType,
            Domain = node.DomainOrDefault,
            Inputs = Infos(node.Inputs, g, i => counted && !op.MetadataInputs.Contains(i)),
            Outputs = Infos(node.Outputs, g, null),
            Params = paramCount,
            Buffers = buffers,
            Macs = macs.Value,
            Flops = flops.Value,
            BytesRead = bytesRead.Value,
            BytesWritten = bytesWritten.Value,
            MacsFormula = macs.Formula,
            FlopsFormula = flops.Formula,
            BytesReadFormula = bytesRead.Formula,
            BytesWrittenFormula = bytesWritten.Formula,
            WeightBytes = weightBytes,
            IndexBytes = indexBytes,
            IndexWeightBytes = indexWeightBytes,
            Precision = op.Precision ?? PrecisionOf(ctx),
            Class = op.Class,
            Counted = counted,
        };
    }

    private static int FirstIndex(IReadOnlyList<string> names, string name)
    {
        for (int k = 0; k < names.Count; k++) if (string.Equals(names[k], name, StringComparison.Ordinal)) return k;
        return -1;
    }

    /// <summary>The tensor infos of the non-empty names, in one exactly sized array (one per node input/output: no list growth);
    /// <paramref name="read"/> says, by position, whether an input's bytes are read (null: leave the default).</summary>
    private static TensorInfo[] Infos(IReadOnlyList<string> names, InferredGraph g, Func<int, bool>? read)
    {
        int n = 0;
        foreach (var x in names) if (x.Length > 0) n++;
        if (n == 0) return [];
        var infos = new TensorInfo[n];
        int k = 0;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0) continue;
            var info = CostCalculator.Info(names[i], g);
            infos[k++] = read is null ? info : info with { Read = read(i) };
        }
        return infos;
    }

    private static long Add(long a, long b, ref bool overflow)
    {
        try { return checked(a + b); }
        catch (OverflowException) { overflow = true; return a; }
    }

    private static Count Add(Count a, Count b, ref bool overflow)
    {
        try { return a + b; }
        catch (OverflowException) { overflow = true; return a; }
    }

    private static Count SafeBytes(DimBinding b, TensorType t, ref bool overflow)
    {
        try { return b.BytesCount(t); }
        catch (OverflowException) { overflow = true; return 0; }
    }

    /// <summary>Precision from the element type of the first floating input, else the first input, else the first output.</summary>
    public static Precision PrecisionOf(Ops.OpContext ctx)
    {
        DataType dt = DataType.Undefined;
        for (int i = 0; i < ctx.InputCount && dt == DataType.Undefined; i++)
            if (ctx.InputType(i) is { } t && DataTypes.IsFloat(t.ElementType)) dt = t.ElementType;
        if (dt == DataType.Undefined && ctx.InputCount > 0) dt = ctx.InputElementType(0);
        if (dt == DataType.Undefined && ctx.OutputType(0) is { } o) dt = o.ElementType;
        return FromDataType(dt);
    }

    /// <summary>Maps an element type to the precision a kernel on it computes in.</summary>
    public static Precision FromDataType(DataType dt) => dt switch
    {
        DataType.Double or DataType.Complex128 => Precision.Fp64,
        DataType.Float16 => Precision.Fp16,
        DataType.BFloat16 => Precision.Bf16,
        DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ => Precision.Fp8,
        DataType.Float4E2M1 => Precision.Fp4,
        DataType.Int8 or DataType.UInt8 => Precision.Int8,
        DataType.Int4 or DataType.UInt4 => Precision.Int4,
        DataType.Float or DataType.Complex64 or DataType.Undefined => Precision.Fp32,
        _ => Precision.Int32,
    };
}

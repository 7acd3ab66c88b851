using ModelMeter.Costs;

namespace ModelMeter.Engines;

/// <summary>
/// The kernels an LLM engine runs for one stage of a transformer (the per-op rows of <c>Llm/</c>, in execution order). The rows
/// carry no dataflow edges, so fusion follows their order: an elementwise row after a GEMM joins its epilogue
/// (<see cref="FusionRules.Epilogues"/>: residual add, activation, rotary, KV write), elementwise and normalisation rows after an
/// elementwise or normalisation kernel join it (<see cref="FusionRules.PointwiseChains"/>, <see cref="FusionRules.NormKernels"/>:
/// fused add + RMSNorm, SiLU-and-mul). A joined row's input from the kernel it joins stays on chip; its other inputs and its
/// outputs are the kernel's.
/// </summary>
public static class LlmKernels
{
    sealed class Acc(NodeCost first, KernelKind kind)
    {
        public readonly List<string> Nodes = [first.Name];
        public readonly NodeCost First = first;
        public KernelKind Kind = kind;
        public double Flops = first.Flops, Read = first.BytesRead, Written = first.BytesWritten, Weights = first.WeightBytes;
        /// <summary>Activation bytes the first row reads; a sibling GEMM reading as many joins horizontally while only GEMMs joined.</summary>
        public readonly double ActIn = first.BytesRead - first.WeightBytes;
        public bool OnlyGemms = first.Class is OpClass.Gemm && first.OpType == "MatMul";
    }

    /// <summary>The stage's kernels under <paramref name="rules"/> (communication rows such as AllReduce run no kernel here).</summary>
    public static KernelPlan Plan(ModelProfile stage, FusionRules rules, string engine, int batch)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var kernels = new List<Acc>();
        var folded = new List<FoldedNode>();
        foreach (var row in stage.Nodes)
        {
            if (row.OpType == "AllReduce") { folded.Add(new FoldedNode(row.Name, row.OpType, "communication (priced separately)")); continue; }
            var kind = KindOf(row);
            var prev = kernels.Count > 0 ? kernels[^1] : null;
            if (rules.HorizontalGemms && prev is { OnlyGemms: true } && kind == KernelKind.Gemm && row.OpType == "MatMul"
                && row.WeightBytes > 0 && Math.Abs(row.BytesRead - row.WeightBytes - prev.ActIn) < 0.5)
            {
                // q/k/v or gate/up: one wider GEMM reads the activation once
                prev.Nodes.Add(row.Name);
                prev.Flops += row.Flops;
                prev.Read += row.WeightBytes;
                prev.Weights += row.WeightBytes;
                prev.Written += row.BytesWritten;
                continue;
            }
            bool pointwise = kind is KernelKind.Pointwise or KernelKind.DataMovement && row.OpType is not "Gather";
            bool join = prev is not null && (pointwise && prev.Kind is KernelKind.Gemm or KernelKind.Attention ? rules.Epilogues
                : pointwise && prev.Kind == KernelKind.Pointwise ? rules.PointwiseChains
                : (pointwise || kind == KernelKind.Normalization) && prev.Kind is KernelKind.Pointwise or KernelKind.Normalization && rules.NormKernels);
            if (!join) { kernels.Add(new Acc(row, kind)); continue; }
            // the row reads what the kernel just produced on chip; its other inputs and its outputs are external
            prev!.Nodes.Add(row.Name);
            prev.OnlyGemms = false;
            prev.Flops += row.Flops;
            prev.Read += Math.Max(0, row.BytesRead - prev.Written);
            prev.Weights += row.WeightBytes;
            // a KV-cache write adds its bytes (the cache lives in DRAM); any other row's output replaces the one it consumed
            prev.Written = row.OpType == "CacheWrite" ? prev.Written + row.BytesWritten : row.BytesWritten;
            if (kind == KernelKind.Normalization && prev.Kind == KernelKind.Pointwise) prev.Kind = KernelKind.Normalization;
        }
        var list = kernels.Select(a => new Kernel(a.First.Name, a.Kind, a.Nodes, a.First.OpType, a.First.Class, a.First.Precision,
            a.Flops, a.Read, a.Written, a.Weights)).ToList();
        return new KernelPlan(engine, list, folded, batch) { WeightBytes = stage.Totals.WeightBytes, PeakActivationBytes = stage.Totals.PeakActivationBytes };
    }

    static KernelKind KindOf(NodeCost row) => row.OpType == "FlashAttention" ? KernelKind.Attention : row.Class switch
    {
        OpClass.Gemm or OpClass.Conv => KernelKind.Gemm,
        OpClass.Normalization or OpClass.Reduce => KernelKind.Normalization,
        OpClass.Elementwise => KernelKind.Pointwise,
        OpClass.DataMovement => KernelKind.DataMovement,
        _ => KernelKind.Other,
    };
}

using ModelMeter.Costs;
using ModelMeter.Graphs;

namespace ModelMeter.Tests.Reports;

/// <summary>Hand-built profiles with known figures for the exporter tests.</summary>
internal static class TestProfiles
{
    public const string HostileName = "a,\"b\"\n<img src=x onerror=alert(1)>";

    public static ModelProfile Small(string firstNodeName = "conv1")
    {
        var x = new TensorInfo("x", DataType.Float, new Shape([Dim.Symbol("batch"), 3, 224, 224]));
        var y = new TensorInfo("y", DataType.Float, new Shape([Dim.Symbol("batch"), 64, 112, 112]));
        var z = new TensorInfo("z", DataType.Float, new Shape([Dim.Symbol("batch"), 64, 112, 112]));
        var conv = new NodeCost
        {
            Name = firstNodeName, OpType = "Conv", Domain = "ai.onnx", Inputs = [x], Outputs = [y],
            Params = 9408, Macs = 118_013_952, Flops = 236_027_904, BytesRead = 602_112 + 37_632, BytesWritten = 3_211_264, WeightBytes = 37_632,
        };
        var relu = new NodeCost
        {
            Name = "relu1", OpType = "Relu", Domain = "ai.onnx", Inputs = [y], Outputs = [z],
            Flops = 802_816, BytesRead = 3_211_264, BytesWritten = 3_211_264,
        };
        var custom = new NodeCost
        {
            Name = "mystery", OpType = "Mystery", Domain = "ai.onnx", Inputs = [z], Outputs = [new TensorInfo("w", DataType.Undefined, null)],
            Counted = false, Macs = 0,
        };
        NodeCost[] nodes = [conv, relu, custom];
        return new ModelProfile
        {
            Model = new ModelInfo("models/small.onnx", "small", "pytorch 2.5", 8, 17),
            Inputs = [x],
            Outputs = [new TensorInfo("w", DataType.Undefined, null)],
            Nodes = nodes,
            Totals = new ModelTotals
            {
                Params = 9408, Macs = conv.Macs, Flops = conv.Flops + relu.Flops, BytesRead = conv.BytesRead + relu.BytesRead,
                BytesWritten = conv.BytesWritten + relu.BytesWritten, WeightBytes = 37_632, PeakActivationBytes = 6_422_528,
                Nodes = 3, UnknownNodes = 1, UnknownOpTypes = ["ai.onnx:Mystery"],
            },
            ByOpType = nodes.Select(n => new OpTypeRollup(n.OpType, 1, n.Params, n.Macs, n.Flops, n.MemoryAccessBytes)).ToList(),
            Diagnostics =
            [
                new Diagnostic(Severity.Warning, null, "1 node of 1 unknown op type not counted: ai.onnx:Mystery"),
                new Diagnostic(Severity.Info, null, "symbolic dims counted as 1: batch (set them with --dim NAME=VALUE)"),
            ],
            DimsUsed = new Dictionary<string, long> { ["batch"] = 1 },
        };
    }
}

using ModelMeter.Graphs;
using ModelMeter.Zoo;

namespace ModelMeter.Tests.Dynamic;

/// <summary>
/// Models with dynamic dims built with the project's own builder, shaped like the real models issue 12 reports:
/// an OCR text recogniser on [N,3,48,W] with strided convs and pools and a Shape → arithmetic → Reshape chain, a
/// voice-activity detector with an STFT front end on [N,T] audio, and a detector tail with data-dependent sizes.
/// </summary>
internal static class DynamicModels
{
    private static Dictionary<string, object> Attrs(params (string K, object V)[] kv) => kv.ToDictionary(x => x.K, x => x.V);

    /// <summary>
    /// OCR recogniser: conv k3 s2 p1 (H 48→24, W→ceil(W/2)), conv k3 s1, maxpool 2×2 s2 (H→12, W→floor(ceil(W/2)/2)),
    /// conv k3 stride (2,1) (H→6), avgpool kernel (6,1) (H→1, ceil mode), then Shape→Gather→Concat→Reshape to
    /// [N, 64, W'] → Transpose → MatMul with a [64, 97] classifier → Softmax: [N, W', 97].
    /// </summary>
    public static Model Ocr()
    {
        var b = new GraphBuilder("ocr-rec");
        var x = b.AddInput("x", DataType.Float, Dim.Symbol("N"), 3, 48, Dim.Symbol("W"));
        var y = ZooLayers.ConvBn(b, x, "c1", "bn1", 3, 32, 3, 2);
        y = ZooLayers.ConvBn(b, y, "c2", "bn2", 32, 32, 3, 1);
        y = ZooLayers.MaxPool(b, y, "pool1", 2, 2);
        var w3 = b.AddInitializer("c3.weight", [64, 32, 3, 3]);
        y = b.Add("Conv", [y, w3], Attrs(("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }), ("strides", new long[] { 2, 1 })), name: "c3");
        y = b.Add("Relu", [y], name: "relu3");
        y = b.Add("AveragePool", [y], Attrs(("kernel_shape", new long[] { 6, 1 }), ("strides", new long[] { 6, 1 }), ("ceil_mode", 1L)), name: "hpool");
        var shape = b.Add("Shape", [y], name: "shape");
        var i0 = b.AddConstant("i0", DataType.Int64, [1], [0]);
        var i3 = b.AddConstant("i3", DataType.Int64, [1], [3]);
        var n = b.Add("Gather", [shape, i0], Attrs(("axis", 0L)), name: "n");
        var w = b.Add("Gather", [shape, i3], Attrs(("axis", 0L)), name: "w");
        var c = b.AddConstant("c64", DataType.Int64, [1], [64]);
        var target = b.Add("Concat", [n, c, w], Attrs(("axis", 0L)), name: "target");
        y = b.Add("Reshape", [y, target], name: "squeeze_h");
        y = b.Add("Transpose", [y], Attrs(("perm", new long[] { 0, 2, 1 })), name: "to_seq");
        var cls = b.AddInitializer("cls.weight", [64, 97]);
        y = b.Add("MatMul", [y, cls], name: "cls");
        y = b.Add("Softmax", [y], Attrs(("axis", -1L)), name: "probs");
        b.AddOutput(y, DataType.Float, Dim.Symbol("N"), Dim.Unknown, 97);
        return b.Build();
    }

    /// <summary>
    /// VAD: audio [N,T] → Unsqueeze → STFT (frame step 160, Hann window 400, one-sided: 201 bins) → power (Mul,
    /// ReduceSum over re/im) → Log → Transpose to [N,201,frames] → Conv1d k3 s2 p1 to 64 channels → Relu → MatMul
    /// head over channels → Sigmoid.
    /// </summary>
    public static Model Vad()
    {
        var b = new GraphBuilder("vad-stft");
        var x = b.AddInput("audio", DataType.Float, Dim.Symbol("N"), Dim.Symbol("T"));
        var ax = b.AddConstant("ax2", DataType.Int64, [1], [2]);
        var sig = b.Add("Unsqueeze", [x, ax], name: "sig");
        var step = b.AddConstant("step", DataType.Int64, [], [160]);
        var window = b.AddInitializer("window", [400]);
        var spec = b.AddNode("STFT", [sig, step, window], Attrs(("onesided", 1L)), name: "stft")[0];
        var pow = b.Add("Mul", [spec, spec], name: "sq");
        var last = b.AddConstant("ax3", DataType.Int64, [1], [3]);
        var power = b.Add("ReduceSum", [pow, last], Attrs(("keepdims", 0L)), name: "power");
        var logp = b.Add("Log", [power], name: "logp");
        var feats = b.Add("Transpose", [logp], Attrs(("perm", new long[] { 0, 2, 1 })), name: "feats");
        var w = b.AddInitializer("enc.weight", [64, 201, 3]);
        var enc = b.Add("Conv", [feats, w], Attrs(("kernel_shape", new long[] { 3 }), ("pads", new long[] { 1, 1 }), ("strides", new long[] { 2 })), name: "enc");
        enc = b.Add("Relu", [enc], name: "enc_relu");
        var t = b.Add("Transpose", [enc], Attrs(("perm", new long[] { 0, 2, 1 })), name: "enc_t");
        var head = b.AddInitializer("head.weight", [64, 1]);
        var logit = b.Add("MatMul", [t, head], name: "head");
        var p = b.Add("Sigmoid", [logit], name: "prob");
        b.AddOutput(p, DataType.Float, Dim.Symbol("N"), Dim.Unknown, 1);
        return b.Build();
    }

    /// <summary>
    /// Detector tail: scores [N, A] → Greater(0.5) → NonZero (data-dependent count) → Transpose → GatherND of the
    /// scores; TopK with k = A / 4 computed from Shape (not data-dependent); a Range over A.
    /// </summary>
    public static Model DetectorTail()
    {
        var b = new GraphBuilder("det-tail");
        var s = b.AddInput("scores", DataType.Float, Dim.Symbol("N"), Dim.Symbol("A"));
        var th = b.AddConstant("th", DataType.Float, [], [0.5]);
        var mask = b.Add("Greater", [s, th], name: "mask");
        var nz = b.Add("NonZero", [mask], name: "nz");
        var idx = b.Add("Transpose", [nz], Attrs(("perm", new long[] { 1, 0 })), name: "idx");
        var kept = b.Add("GatherND", [s, idx], name: "kept");
        var kexp = b.Add("Exp", [kept], name: "kept_exp");
        var shape = b.Add("Shape", [s], name: "shape");
        var i1 = b.AddConstant("i1", DataType.Int64, [1], [1]);
        var a = b.Add("Gather", [shape, i1], Attrs(("axis", 0L)), name: "a");
        var four = b.AddConstant("four", DataType.Int64, [1], [4]);
        var k = b.Add("Div", [a, four], name: "k");
        var top = b.AddNode("TopK", [s, k], Attrs(("axis", 1L)), outputs: 2, name: "top");
        var r0 = b.AddConstant("r0", DataType.Int64, [], [0]);
        var r1 = b.AddConstant("r1", DataType.Int64, [], [1]);
        var asc = b.Add("Squeeze", [a], name: "a_scalar");
        var range = b.Add("Range", [r0, asc, r1], name: "range");
        b.AddOutput(kexp, DataType.Float, Dim.Unknown);
        b.AddOutput(top[0], DataType.Float, Dim.Symbol("N"), Dim.Unknown);
        b.AddOutput(range, DataType.Int64, Dim.Unknown);
        return b.Build();
    }
}

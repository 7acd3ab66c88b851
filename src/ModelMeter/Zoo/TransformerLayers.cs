using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// Transformer pieces shared by <see cref="VitBuilder"/> and <see cref="BertBuilder"/>, as exporters emit them for a
/// [batch, sequence, hidden] activation: MatMul + Add linears (weight stored [in, out]), LayerNormalization, erf GELU,
/// and multi-head self-attention from MatMuls with Reshape/Transpose/Softmax (no mask).
/// </summary>
internal static class TransformerLayers
{
    /// <summary>MatMul with a [in, out] weight, then Add of the [out] bias.</summary>
    public static string Linear(GraphBuilder b, string x, string p, long features, long outputs)
    {
        var w = b.AddInitializer(p + ".weight", [features, outputs]);
        var bias = b.AddInitializer(p + ".bias", [outputs]);
        return b.Add("Add", [b.Add("MatMul", [x, w], name: p + ".matmul"), bias], name: p);
    }

    /// <summary>LayerNormalization over the last axis with weight and bias.</summary>
    public static string LayerNorm(GraphBuilder b, string x, string p, long hidden, float eps)
    {
        var w = b.AddInitializer(p + ".weight", [hidden], Init.Ones);
        var bias = b.AddInitializer(p + ".bias", [hidden], Init.Zeros);
        return b.Add("LayerNormalization", [x, w, bias], new Dictionary<string, object> { ["axis"] = -1L, ["epsilon"] = eps }, name: p);
    }

    /// <summary>Exact GELU as exporters write it at opset 17: 0.5·x·(1 + erf(x/√2)).</summary>
    public static string Gelu(GraphBuilder b, string x, string p)
    {
        if (!b.Has("gelu.sqrt2"))
        {
            b.AddConstant("gelu.sqrt2", DataType.Float, [], [Math.Sqrt(2)]);
            b.AddConstant("gelu.one", DataType.Float, [], [1.0]);
            b.AddConstant("gelu.half", DataType.Float, [], [0.5]);
        }
        var e = b.Add("Erf", [b.Add("Div", [x, "gelu.sqrt2"], name: p + ".div")], name: p + ".erf");
        var y = b.Add("Mul", [x, b.Add("Add", [e, "gelu.one"], name: p + ".add")], name: p + ".mul");
        return b.Add("Mul", [y, "gelu.half"], name: p);
    }

    /// <summary>
    /// Self-attention of <paramref name="heads"/> heads over x [batch, seq, hidden]: Q, K, V linears named by
    /// <paramref name="qkv"/>, scores = softmax(Q·Kᵀ/√d), context = scores·V, then the output linear <paramref name="output"/>.
    /// </summary>
    public static string SelfAttention(GraphBuilder b, string x, string p, string[] qkv, string output, long hidden, long heads)
    {
        long d = hidden / heads;
        if (!b.Has("attn.split_shape"))
        {
            b.AddConstant("attn.split_shape", DataType.Int64, [4], [0, 0, heads, d]);
            b.AddConstant("attn.merge_shape", DataType.Int64, [3], [0, 0, hidden]);
            b.AddConstant("attn.scale", DataType.Float, [], [1 / Math.Sqrt(d)]);
        }
        string Heads(string name, long[] perm)
        {
            var y = Linear(b, x, name, hidden, hidden);
            y = b.Add("Reshape", [y, "attn.split_shape"], name: name + ".split");
            return b.Add("Transpose", [y], new Dictionary<string, object> { ["perm"] = perm }, name: name + ".heads");
        }
        var q = Heads(qkv[0], [0, 2, 1, 3]);
        var k = Heads(qkv[1], [0, 2, 3, 1]);
        var v = Heads(qkv[2], [0, 2, 1, 3]);
        var s = b.Add("MatMul", [q, k], name: p + ".scores");
        s = b.Add("Mul", [s, "attn.scale"], name: p + ".scaled");
        s = b.Add("Softmax", [s], new Dictionary<string, object> { ["axis"] = -1L }, name: p + ".softmax");
        var c = b.Add("MatMul", [s, v], name: p + ".context");
        c = b.Add("Transpose", [c], new Dictionary<string, object> { ["perm"] = new long[] { 0, 2, 1, 3 } }, name: p + ".context_t");
        c = b.Add("Reshape", [c, "attn.merge_shape"], name: p + ".merge");
        return Linear(b, c, output, hidden, hidden);
    }
}

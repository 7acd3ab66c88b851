using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision ViT-B/16 at 224×224: 16×16 patch Conv to 768, class token (Expand to the batch, Concat), position
/// embedding Add, 12 pre-norm encoder blocks (LayerNormalization eps 1e-6, 12-head MatMul attention, GELU MLP 3072),
/// final LayerNormalization, class token Gather, Linear head to <c>logits</c>. The packed in_proj of
/// <c>nn.MultiheadAttention</c> is written as separate Q, K, V linears (the same parameters and MACs).
/// </summary>
internal static class VitBuilder
{
    private const long Hidden = 768, Heads = 12, Mlp = 3072, Layers = 12, Patch = 16, Tokens = 14 * 14 + 1;
    private const float Eps = 1e-6f;

    public static Model Build(bool withWeights)
    {
        var b = new GraphBuilder("vit_b_16", withWeights);
        var input = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        var x = ZooLayers.Conv(b, input, "conv_proj", 3, Hidden, Patch, Patch, 0);
        x = b.Add("Reshape", [x, b.AddConstant("patches_shape", DataType.Int64, [3], [0, Hidden, Tokens - 1])], name: "patches");
        x = b.Add("Transpose", [x], new Dictionary<string, object> { ["perm"] = new long[] { 0, 2, 1 } }, name: "patches_t");
        // class token expanded to [batch, 1, hidden]
        var shape = b.Add("Shape", [input], name: "input_shape");
        var batch = b.Add("Gather", [shape, b.AddConstant("zero_1d", DataType.Int64, [1], [0])], new Dictionary<string, object> { ["axis"] = 0L }, name: "batch");
        var target = b.Add("Concat", [batch, b.AddConstant("token_shape", DataType.Int64, [2], [1, Hidden])], new Dictionary<string, object> { ["axis"] = 0L }, name: "class_token_shape");
        var cls = b.Add("Expand", [b.AddInitializer("class_token", [1, 1, Hidden]), target], name: "class_tokens");
        x = b.Add("Concat", [cls, x], new Dictionary<string, object> { ["axis"] = 1L }, name: "tokens");
        x = b.Add("Add", [x, b.AddInitializer("encoder.pos_embedding", [1, Tokens, Hidden])], name: "encoder.add_pos");
        for (int i = 0; i < Layers; i++)
        {
            var p = $"encoder.layers.encoder_layer_{i}";
            var a = TransformerLayers.LayerNorm(b, x, p + ".ln_1", Hidden, Eps);
            var sa = p + ".self_attention";
            a = TransformerLayers.SelfAttention(b, a, sa, [sa + ".q_proj", sa + ".k_proj", sa + ".v_proj"], sa + ".out_proj", Hidden, Heads);
            x = b.Add("Add", [x, a], name: p + ".add_1");
            var m = TransformerLayers.LayerNorm(b, x, p + ".ln_2", Hidden, Eps);
            m = TransformerLayers.Linear(b, m, p + ".mlp.0", Hidden, Mlp);
            m = TransformerLayers.Gelu(b, m, p + ".mlp.1");
            m = TransformerLayers.Linear(b, m, p + ".mlp.3", Mlp, Hidden);
            x = b.Add("Add", [x, m], name: p + ".add_2");
        }
        x = TransformerLayers.LayerNorm(b, x, "encoder.ln", Hidden, Eps);
        x = b.Add("Gather", [x, b.AddConstant("zero", DataType.Int64, [], [0])], new Dictionary<string, object> { ["axis"] = 1L }, name: "class_output");
        ZooLayers.Linear(b, x, "heads.head", Hidden, 1000, "logits");
        ZooLayers.Logits(b, 1000);
        return b.Build();
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// BERT-base encoder (google/bert base uncased: vocabulary 30522, 512 positions, 2 token types, hidden 768, 12 layers,
/// 12 heads, intermediate 3072, LayerNormalization eps 1e-12, post-norm) with its pooler. Input <c>input_ids</c>
/// [batch, sequence] int64; position ids are Range(0, sequence); token types are all 0 (one Gather row), no attention
/// mask. Outputs <c>last_hidden_state</c> [batch, sequence, 768] and <c>pooler_output</c> [batch, 768]; Hugging Face names.
/// </summary>
internal static class BertBuilder
{
    private const long Vocab = 30522, Positions = 512, Types = 2, Hidden = 768, Heads = 12, Intermediate = 3072, Layers = 12;
    private const float Eps = 1e-12f;

    public static Model Build(bool withWeights)
    {
        var b = new GraphBuilder("bert-base", withWeights);
        var ids = b.AddInput("input_ids", DataType.Int64, Dim.Symbol("batch"), Dim.Symbol("sequence"));
        var word = b.Add("Gather", [b.AddInitializer("embeddings.word_embeddings.weight", [Vocab, Hidden]), ids], name: "embeddings.word_embeddings");
        var shape = b.Add("Shape", [ids], name: "input_shape");
        var seq = b.Add("Gather", [shape, b.AddConstant("one", DataType.Int64, [], [1])], new Dictionary<string, object> { ["axis"] = 0L }, name: "sequence_length");
        var zero = b.AddConstant("zero", DataType.Int64, [], [0]);
        var positions = b.Add("Range", [zero, seq, "one"], name: "position_ids");
        var pos = b.Add("Gather", [b.AddInitializer("embeddings.position_embeddings.weight", [Positions, Hidden]), positions], name: "embeddings.position_embeddings");
        var type = b.Add("Gather", [b.AddInitializer("embeddings.token_type_embeddings.weight", [Types, Hidden]), zero], name: "embeddings.token_type_embeddings");
        var x = b.Add("Add", [b.Add("Add", [word, pos], name: "embeddings.add_position"), type], name: "embeddings.add_token_type");
        x = TransformerLayers.LayerNorm(b, x, "embeddings.LayerNorm", Hidden, Eps);
        for (int i = 0; i < Layers; i++)
        {
            var p = $"encoder.layer.{i}";
            var s = p + ".attention.self";
            var a = TransformerLayers.SelfAttention(b, x, s, [s + ".query", s + ".key", s + ".value"], p + ".attention.output.dense", Hidden, Heads);
            x = TransformerLayers.LayerNorm(b, b.Add("Add", [a, x], name: p + ".attention.output.add"), p + ".attention.output.LayerNorm", Hidden, Eps);
            var m = TransformerLayers.Linear(b, x, p + ".intermediate.dense", Hidden, Intermediate);
            m = TransformerLayers.Gelu(b, m, p + ".intermediate.gelu");
            m = TransformerLayers.Linear(b, m, p + ".output.dense", Intermediate, Hidden);
            x = TransformerLayers.LayerNorm(b, b.Add("Add", [m, x], name: p + ".output.add"), p + ".output.LayerNorm", Hidden, Eps);
        }
        x = b.Add("Identity", [x], name: "last_hidden_state");
        b.AddOutput("last_hidden_state", DataType.Float, Dim.Symbol("batch"), Dim.Symbol("sequence"), Hidden);
        var first = b.Add("Gather", [x, zero], new Dictionary<string, object> { ["axis"] = 1L }, name: "pooler.first_token");
        var pooled = ZooLayers.Linear(b, first, "pooler.dense", Hidden, Hidden);
        b.Add("Tanh", [pooled], name: "pooler_output");
        b.AddOutput("pooler_output", DataType.Float, Dim.Symbol("batch"), Hidden);
        return b.Build();
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// BERT encoders with their pooler: BERT-base (google/bert base uncased: vocabulary 30522, 512 positions, 2 token types,
/// hidden 768, 12 layers, 12 heads, intermediate 3072, LayerNormalization eps 1e-12, post-norm) and BERT-large (the same with
/// hidden 1024, 24 layers, 16 heads, intermediate 4096). Input <c>input_ids</c>
/// [batch, sequence] int64; position ids are Range(0, sequence); token types are all 0 (one Gather row), no attention
/// mask. Outputs <c>last_hidden_state</c> [batch, sequence, 768] and <c>pooler_output</c> [batch, 768]; Hugging Face names.
/// </summary>
internal static class BertBuilder
{
    private const long Vocab = 30522, Positions = 512, Types = 2;
    private const float Eps = 1e-12f;

    public static Model Build(bool withWeights) => Build(withWeights, "bert-base", 768, 12, 3072, 12);

    public static Model BuildLarge(bool withWeights) => Build(withWeights, "bert-large", 1024, 16, 4096, 24);

    static Model Build(bool withWeights, string name, long hidden, long heads, long intermediate, long layers)
    {
        var b = new GraphBuilder(name, withWeights);
        var ids = b.AddInput("input_ids", DataType.Int64, Dim.Symbol("batch"), Dim.Symbol("sequence"));
        var word = b.Add("Gather", [b.AddInitializer("embeddings.word_embeddings.weight", [Vocab, hidden]), ids], name: "embeddings.word_embeddings");
        var shape = b.Add("Shape", [ids], name: "input_shape");
        var seq = b.Add("Gather", [shape, b.AddConstant("one", DataType.Int64, [], [1])], new Dictionary<string, object> { ["axis"] = 0L }, name: "sequence_length");
        var zero = b.AddConstant("zero", DataType.Int64, [], [0]);
        var positions = b.Add("Range", [zero, seq, "one"], name: "position_ids");
        var pos = b.Add("Gather", [b.AddInitializer("embeddings.position_embeddings.weight", [Positions, hidden]), positions], name: "embeddings.position_embeddings");
        var type = b.Add("Gather", [b.AddInitializer("embeddings.token_type_embeddings.weight", [Types, hidden]), zero], name: "embeddings.token_type_embeddings");
        var x = b.Add("Add", [b.Add("Add", [word, pos], name: "embeddings.add_position"), type], name: "embeddings.add_token_type");
        x = TransformerLayers.LayerNorm(b, x, "embeddings.LayerNorm", hidden, Eps);
        for (int i = 0; i < layers; i++)
        {
            var p = $"encoder.layer.{i}";
            var s = p + ".attention.self";
            var a = TransformerLayers.SelfAttention(b, x, s, [s + ".query", s + ".key", s + ".value"], p + ".attention.output.dense", hidden, heads);
            x = TransformerLayers.LayerNorm(b, b.Add("Add", [a, x], name: p + ".attention.output.add"), p + ".attention.output.LayerNorm", hidden, Eps);
            var m = TransformerLayers.Linear(b, x, p + ".intermediate.dense", hidden, intermediate);
            m = TransformerLayers.Gelu(b, m, p + ".intermediate.gelu");
            m = TransformerLayers.Linear(b, m, p + ".output.dense", intermediate, hidden);
            x = TransformerLayers.LayerNorm(b, b.Add("Add", [m, x], name: p + ".output.add"), p + ".output.LayerNorm", hidden, Eps);
        }
        x = b.Add("Identity", [x], name: "last_hidden_state");
        b.AddOutput("last_hidden_state", DataType.Float, Dim.Symbol("batch"), Dim.Symbol("sequence"), hidden);
        var first = b.Add("Gather", [x, zero], new Dictionary<string, object> { ["axis"] = 1L }, name: "pooler.first_token");
        var pooled = ZooLayers.Linear(b, first, "pooler.dense", hidden, hidden);
        b.Add("Tanh", [pooled], name: "pooler_output");
        b.AddOutput("pooler_output", DataType.Float, Dim.Symbol("batch"), hidden);
        return b.Build();
    }
}

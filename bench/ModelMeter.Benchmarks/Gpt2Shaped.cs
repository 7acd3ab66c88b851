using ModelMeter.Graphs;

namespace ModelMeter.Benchmarks;

/// <summary>
/// A graph laid out like a PyTorch export of GPT-2 small: 12 blocks of ~90 nodes (layer norms spelled out,
/// shape-computing Shape/Gather/Unsqueeze/Concat chains, Constant nodes) and 124 M float parameters (~500 MB).
/// </summary>
internal static class Gpt2Shaped
{
    private const int Hidden = 768, Vocab = 50257, Positions = 1024, Blocks = 12;

    public static Model Build(bool external)
    {
        var arrays = new Dictionary<long, byte[]>();
        var rng = new Random(7);
        byte[] Bytes(long elements)
        {
            if (!arrays.TryGetValue(elements, out var b))
            {
                arrays[elements] = b = new byte[elements * 4];
                rng.NextBytes(b);
            }
            return b;
        }
        long offset = 0;
        var inits = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        void Weight(string name, params long[] dims) =>
            inits[name] = ReaderBenchmarks.Tensor(name, dims, Bytes(dims.Aggregate(1L, (a, b) => a * b)), external, ref offset);
        var nodes = new List<Node>();
        int counter = 0;
        string Op(string op, string[] inputs, params NodeAttribute[] attrs)
        {
            var output = $"/{op.ToLowerInvariant()}_{counter}_output_0";
            nodes.Add(new Node
            {
                Name = $"/transformer/{op}_{counter++}", OpType = op, Inputs = inputs, Outputs = [output],
                Attributes = attrs.ToDictionary(a => a.Name, StringComparer.Ordinal),
            });
            return output;
        }
        string Constant(long value) => Op("Constant", [], new NodeAttribute
        {
            Name = "value", Type = AttributeType.Tensor,
            T = new TensorData { Name = "", DataType = DataType.Int64, Dims = [1], Encoding = TensorEncoding.Decoded, InlineValues = [value] },
        });
        NodeAttribute Ints(string name, params long[] v) => new() { Name = name, Type = AttributeType.Ints, Ints = v };
        NodeAttribute Int(string name, long v) => new() { Name = name, Type = AttributeType.Int, I = v };

        string LayerNorm(string x, string prefix)
        {
            Weight(prefix + ".weight", Hidden);
            Weight(prefix + ".bias", Hidden);
            var mean = Op("ReduceMean", [x], Ints("axes", -1));
            var d = Op("Sub", [x, mean]);
            var p = Op("Pow", [d, Constant(2)]);
            var v = Op("ReduceMean", [p], Ints("axes", -1));
            var s = Op("Sqrt", [Op("Add", [v, Constant(0)])]);
            return Op("Add", [Op("Mul", [Op("Div", [d, s]), prefix + ".weight"]), prefix + ".bias"]);
        }
        string Heads(string x)
        {
            var shape = Op("Shape", [x]);
            var b = Op("Unsqueeze", [Op("Gather", [shape, Constant(0)], Int("axis", 0)), Constant(0)]);
            var t = Op("Unsqueeze", [Op("Gather", [Op("Shape", [x]), Constant(1)], Int("axis", 0)), Constant(0)]);
            var newShape = Op("Concat", [b, t, Constant(12), Constant(64)], Int("axis", 0));
            return Op("Transpose", [Op("Reshape", [x, newShape])], Ints("perm", 0, 2, 1, 3));
        }

        Weight("transformer.wte.weight", Vocab, Hidden);
        Weight("transformer.wpe.weight", Positions, Hidden);
        var ids = "input_ids";
        var h = Op("Add", [Op("Gather", ["transformer.wte.weight", ids]), Op("Gather", ["transformer.wpe.weight", Op("Range", [Constant(0), Op("Gather", [Op("Shape", [ids]), Constant(1)]), Constant(1)])])]);
        for (int i = 0; i < Blocks; i++)
        {
            var p = $"transformer.h.{i}";
            var x = LayerNorm(h, p + ".ln_1");
            Weight(p + ".attn.c_attn.weight", Hidden, 3 * Hidden);
            Weight(p + ".attn.c_attn.bias", 3 * Hidden);
            var qkv = Op("Add", [Op("MatMul", [x, p + ".attn.c_attn.weight"]), p + ".attn.c_attn.bias"]);
            var q = Heads(Op("Slice", [qkv, Constant(0), Constant(Hidden), Constant(2)]));
            var k = Heads(Op("Slice", [qkv, Constant(Hidden), Constant(2 * Hidden), Constant(2)]));
            var v = Heads(Op("Slice", [qkv, Constant(2 * Hidden), Constant(3 * Hidden), Constant(2)]));
            var scores = Op("Div", [Op("MatMul", [q, Op("Transpose", [k], Ints("perm", 0, 1, 3, 2))]), Constant(8)]);
            var mask = Op("Slice", [Op("Slice", ["attn.bias", Constant(0), Op("Gather", [Op("Shape", [scores]), Constant(3)]), Constant(2)]), Constant(0), Constant(1), Constant(3)]);
            var probs = Op("Softmax", [Op("Where", [Op("Cast", [mask], Int("to", 9)), scores, Constant(-10000)])], Int("axis", -1));
            var ctx = Op("Transpose", [Op("MatMul", [probs, v])], Ints("perm", 0, 2, 1, 3));
            var merged = Op("Reshape", [ctx, Op("Concat", [Op("Unsqueeze", [Op("Gather", [Op("Shape", [ctx]), Constant(0)]), Constant(0)]), Constant(-1), Constant(Hidden)], Int("axis", 0))]);
            Weight(p + ".attn.c_proj.weight", Hidden, Hidden);
            Weight(p + ".attn.c_proj.bias", Hidden);
            h = Op("Add", [h, Op("Add", [Op("MatMul", [merged, p + ".attn.c_proj.weight"]), p + ".attn.c_proj.bias"])]);
            x = LayerNorm(h, p + ".ln_2");
            Weight(p + ".mlp.c_fc.weight", Hidden, 4 * Hidden);
            Weight(p + ".mlp.c_fc.bias", 4 * Hidden);
            var fc = Op("Add", [Op("MatMul", [x, p + ".mlp.c_fc.weight"]), p + ".mlp.c_fc.bias"]);
            var cube = Op("Mul", [Op("Pow", [fc, Constant(3)]), Constant(0)]);
            var gelu = Op("Mul", [Op("Mul", [fc, Constant(0)]), Op("Add", [Op("Tanh", [Op("Mul", [Op("Add", [fc, cube]), Constant(0)])]), Constant(1)])]);
            Weight(p + ".mlp.c_proj.weight", 4 * Hidden, Hidden);
            Weight(p + ".mlp.c_proj.bias", Hidden);
            h = Op("Add", [h, Op("Add", [Op("MatMul", [gelu, p + ".mlp.c_proj.weight"]), p + ".mlp.c_proj.bias"])]);
        }
        h = LayerNorm(h, "transformer.ln_f");
        var logits = Op("MatMul", [h, Op("Transpose", ["transformer.wte.weight"], Ints("perm", 1, 0))]);
        var batch = Dim.Symbol("batch");
        var seq = Dim.Symbol("sequence");
        return new Model
        {
            IrVersion = 8, ProducerName = "pytorch", ProducerVersion = "2.1.0", Opsets = new Dictionary<string, long> { [""] = 13 },
            Graph = new Graph
            {
                Name = "main_graph", Nodes = nodes, Initializers = inits,
                Inputs = [new ValueInfo(ids, TensorType.Of(DataType.Int64, new Shape([batch, seq])))],
                Outputs = [new ValueInfo(logits, TensorType.Of(DataType.Float, new Shape([batch, seq, Vocab])))],
            },
        };
    }
}

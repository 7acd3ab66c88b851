using ModelMeter.Graphs;
using Xunit;
using static ModelMeter.Tests.Costs.CostGraph;

namespace ModelMeter.Tests.Costs;

/// <summary>
/// MAC and FLOP formulas of docs/counting.md ("Matrix products", "Conv family", "MACs of the other ops", contrib
/// attention table) at small sizes, computed by hand.
/// </summary>
public class MacFormulaTests
{
    private static (long Macs, long Flops, long Params) Recurrent(string op, int gates)
    {
        // seq 2, batch 1, input 3, hidden 4, one direction: W [1, g·4, 3], R [1, g·4, 4], B [1, 2·g·4]
        var g = new CostGraph();
        g.In("x", DataType.Float, 2, 1, 3);
        var w = g.Init("W", DataType.Float, 1, gates * 4, 3);
        var r = g.Init("R", DataType.Float, 1, gates * 4, 4);
        var b = g.Init("B", DataType.Float, 1, 2 * gates * 4);
        g.Out(g.Node(op, "rnn", ["x", w, r, b], 1, A(("hidden_size", 4L)))[0]);
        var n = g.Analyze().Node("rnn");
        return (n.Macs, n.Flops, n.Params);
    }

    [Fact]
    public void Lstm_gru_rnn_gate_macs_and_per_unit_flops()
    {
        // MACs = seq 2 · dirs 1 · batch 1 · gates · hidden 4 · (input 3 + hidden 4) = 56 · gates
        // FLOPs = 2·MACs + steps 2 · hidden 4 · per-unit, per-unit:
        //   LSTM 3 sigmoid (13) + 2 tanh (8) + 2·4 + 4 = 67; GRU 2·13 + 8 + 2·3 + 5 = 45; RNN tanh 8 + 2 = 10
        Assert.Equal((224L, 2 * 224L + 8 * 67, 48L + 64 + 32), Recurrent("LSTM", 4));
        Assert.Equal((168L, 2 * 168L + 8 * 45, 36L + 48 + 24), Recurrent("GRU", 3));
        Assert.Equal((56L, 2 * 56L + 8 * 10, 12L + 16 + 8), Recurrent("RNN", 1));
    }

    [Fact]
    public void Onnx_Attention_opset23_macs_and_softmax_per_score()
    {
        // Q [B 1, Hq 2, S 3, D 4], K/V [1, 2, L 5, 4]: MACs = 1·2·3·5·(4+4) = 240; scores 30 × 5 softmax FLOPs
        var g = new CostGraph(23);
        g.In("q", DataType.Float, 1, 2, 3, 4);
        g.In("k", DataType.Float, 1, 2, 5, 4);
        g.In("v", DataType.Float, 1, 2, 5, 4);
        g.Out(g.Add("Attention", "att", ["q", "k", "v"]));
        var n = g.Analyze().Node("att");
        Assert.Equal(240, n.Macs);
        Assert.Equal(2 * 240 + 30 * 5, n.Flops);
    }

    [Fact]
    public void Contrib_Attention_projection_plus_core()
    {
        // x [B 1, S 3, Din 8], W [8, 24] (Dq = Dk = Dv = 8), bias [24], 2 heads of 4
        // projection 3·8·24 = 576; core B·N·S·T·(Dq/N + Dv/N) = 1·2·3·3·8 = 144; MACs 720
        // FLOPs = 2·576 + bias 3·24 + 2·144 + 18 scores · 5 = 1152 + 72 + 288 + 90 = 1602
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 3, 8);
        var w = g.Init("w", DataType.Float, 8, 24);
        var b = g.Init("b", DataType.Float, 24);
        g.Out(g.Add("Attention", "att", ["x", w, b], A(("num_heads", 2L)), "com.microsoft"));
        var n = g.Analyze().Node("att");
        Assert.Equal(720, n.Macs);
        Assert.Equal(1602, n.Flops);
        Assert.Equal(8 * 24 + 24, n.Params);
    }

    [Fact]
    public void MultiHeadAttention_core_only()
    {
        // q [1, S 3, 8], k/v [1, L 5, 8], 2 heads of 4: MACs = 1·2·3·5·(4+4) = 240; FLOPs 480 + 30·5 = 630
        var g = new CostGraph();
        g.In("q", DataType.Float, 1, 3, 8);
        g.In("k", DataType.Float, 1, 5, 8);
        g.In("v", DataType.Float, 1, 5, 8);
        g.Out(g.Add("MultiHeadAttention", "mha", ["q", "k", "v"], A(("num_heads", 2L)), "com.microsoft"));
        var n = g.Analyze().Node("mha");
        Assert.Equal(240, n.Macs);
        Assert.Equal(630, n.Flops);
    }

    [Fact]
    public void GroupQueryAttention_over_past_plus_current()
    {
        // query [1, S 3, 2 heads · 4], key/value [1, 3, 1 kv head · 4], past [1, 1, P 2, 4]: T = 2 + 3 = 5
        // MACs = B·N·S·T·2H = 1·2·3·5·8 = 240; FLOPs 480 + 30 scores · 5 = 630; present [1,1,5,4]
        var g = new CostGraph();
        g.In("q", DataType.Float, 1, 3, 8);
        g.In("k", DataType.Float, 1, 3, 4);
        g.In("v", DataType.Float, 1, 3, 4);
        g.In("pk", DataType.Float, 1, 1, 2, 4);
        g.In("pv", DataType.Float, 1, 1, 2, 4);
        g.In("seqlens_k", DataType.Int32, 1);
        g.In("total", DataType.Int32);
        var outs = g.Node("GroupQueryAttention", "gqa", ["q", "k", "v", "pk", "pv", "seqlens_k", "total"], 3,
            A(("num_heads", 2L), ("kv_num_heads", 1L)), "com.microsoft");
        g.Out(outs);
        var p = g.Analyze();
        var n = p.Node("gqa");
        Assert.Equal(240, n.Macs);
        Assert.Equal(630, n.Flops);
        Assert.Equal("float32[1,1,5,4]", p.Outputs[1].Shape is { } s ? $"float32{s}" : "?");
    }

    [Fact]
    public void Einsum_output_elements_times_contracted_sizes()
    {
        // bij,bjk->bik with b 2, i 3, j 4, k 5: output 2·3·5 = 30 × j 4 = 120 MACs
        var g = new CostGraph();
        g.In("a", DataType.Float, 2, 3, 4);
        g.In("b", DataType.Float, 2, 4, 5);
        g.Out(g.Add("Einsum", "es", ["a", "b"], A(("equation", "bij,bjk->bik"))));
        var n = g.Analyze().Node("es");
        Assert.Equal(120, n.Macs);
        Assert.Equal(240, n.Flops);
    }

    [Fact]
    public void ConvTranspose_per_input_element()
    {
        // counting.md's example: 8 → 4 channels, k 2, s 2, 16×16 → 32×32: MACs = 8·16·16 inputs × (4·2·2) = 32,768
        // bias: + one add per output element, 4·32·32 = 4096
        var g = new CostGraph();
        g.In("x", DataType.Float, 1, 8, 16, 16);
        var w = g.Init("w", DataType.Float, 8, 4, 2, 2);
        var b = g.Init("b", DataType.Float, 4);
        g.Out(g.Add("ConvTranspose", "ct", ["x", w, b], A(("strides", new long[] { 2, 2 }))));
        var n = g.Analyze().Node("ct");
        Assert.Equal(32_768, n.Macs);
        Assert.Equal(2 * 32_768 + 4096, n.Flops);
        Assert.Equal(8 * 4 * 4 + 4, n.Params);
    }

    [Theory]
    // A [2,3] · B [3,4]: M 2, N 4, K 3 → MACs 24, 2·MACs = 48; M·N = 8
    [InlineData(false, 1.0, 1.0, 48)]      // no C
    [InlineData(false, 2.0, 1.0, 56)]      // alpha ≠ 1: + M·N
    [InlineData(true, 1.0, 1.0, 56)]       // C: + M·N (the add)
    [InlineData(true, 1.0, 0.5, 64)]       // C and beta ≠ 1: + M·N more
    [InlineData(true, 2.0, 0.5, 72)]       // all three
    public void Gemm_alpha_beta_and_C(bool c, double alpha, double beta, long flops)
    {
        var g = new CostGraph();
        g.In("a", DataType.Float, 2, 3);
        var b = g.Init("b", DataType.Float, 3, 4);
        string[] ins = c ? ["a", b, g.Init("c", DataType.Float, 4)] : ["a", b];
        g.Out(g.Add("Gemm", "gemm", ins, A(("alpha", alpha), ("beta", beta))));
        var n = g.Analyze().Node("gemm");
        Assert.Equal(24, n.Macs);
        Assert.Equal(flops, n.Flops);
        Assert.Equal(12 + (c ? 4 : 0), n.Params);
    }

    [Fact]
    public void MatMul_broadcast_batch_and_1d_promotion()
    {
        // [2,1,3,4] · [5,4,6] → batch 2·5 = 10, M 3, N 6, K 4: 720 MACs; [4] · [4,6] → 1·6·4 = 24
        var g = new CostGraph();
        g.In("a", DataType.Float, 2, 1, 3, 4);
        g.In("b", DataType.Float, 5, 4, 6);
        g.In("v", DataType.Float, 4);
        g.In("m", DataType.Float, 4, 6);
        g.Out(g.Add("MatMul", "mm", ["a", "b"]), g.Add("MatMul", "mv", ["v", "m"]));
        var p = g.Analyze();
        Assert.Equal(720, p.Node("mm").Macs);
        Assert.Equal(1440, p.Node("mm").Flops);
        Assert.Equal(24, p.Node("mv").Macs);
    }
}

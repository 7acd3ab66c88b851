using ModelMeter.Llm;

using ModelMeter.Internals;

namespace ModelMeter.Llm.Internals;

/// <summary>
/// The tensors llama.cpp's converter writes for a config, in its GGUF naming: name, row length (ne[0]), elements and
/// whether the tensor is 1-D. Used to apply llama.cpp's per-tensor quantization choice to a config (<see cref="LlamaCppQuant"/>).
/// </summary>
internal static class GgufLayout
{
    public static List<(string Name, long Ne0, long Elements, bool OneD)> Tensors(LlmConfig c)
    {
        long h = c.Hidden, v = c.Vocab, qw = c.QueryWidth, kw = c.KvWidth;
        bool ln = c.Norm == NormKind.LayerNorm;
        var list = new List<(string, long, long, bool)>();
        void Mat(string n, long ne0, long ne1, long ne2 = 1) => list.Add((n, ne0, ne0 * ne1 * ne2, false));
        void Vec(string n, long len) => list.Add((n, len, len, true));
        void Norm(string n, long w) { Vec(n + ".weight", w); if (ln) Vec(n + ".bias", w); }
        Mat("token_embd.weight", h, v);
        if (c.LearnedPositionRows > 0) Mat("position_embd.weight", h, c.LearnedPositionRows);
        if (c.EmbeddingNorm) Norm("token_embd_norm", h);
        for (int i = 0; i < c.Layers; i++)
        {
            var p = $"blk.{i}.";
            Norm(p + "attn_norm", h);
            if (c.Mla is { } m)
            {
                long heads = c.Heads;
                if (m.QLoraRank is { } qr) { Mat(p + "attn_q_a.weight", h, qr); Norm(p + "attn_q_a_norm", qr); Mat(p + "attn_q_b.weight", qr, heads * m.QkHeadDim); }
                else Mat(p + "attn_q.weight", h, heads * m.QkHeadDim);
                Mat(p + "attn_kv_a_mqa.weight", h, m.KvLoraRank + m.QkRopeHeadDim);
                Norm(p + "attn_kv_a_norm", m.KvLoraRank);
                Mat(p + "attn_kv_b.weight", m.KvLoraRank, heads * (m.QkNopeHeadDim + m.VHeadDim));
                Mat(p + "attn_output.weight", heads * m.VHeadDim, h);
            }
            else
            {
                Mat(p + "attn_q.weight", h, qw); Mat(p + "attn_k.weight", h, kw); Mat(p + "attn_v.weight", h, kw);
                if (c.QkvBias) { Vec(p + "attn_q.bias", qw); Vec(p + "attn_k.bias", kw); Vec(p + "attn_v.bias", kw); }
                if (c.QkNorm) { Vec(p + "attn_q_norm.weight", c.HeadDim); Vec(p + "attn_k_norm.weight", c.HeadDim); }
                Mat(p + "attn_output.weight", qw, h);
            }
            if (c.OutputBias) Vec(p + "attn_output.bias", h);
            if (c.NormsPerLayer >= 4) { Norm(p + "post_attention_norm", h); Norm(p + "ffn_norm", h); }
            else if (c.NormsPerLayer >= 2) Norm(p + "ffn_norm", h);
            if (c.IsMoeLayer(i))
            {
                long e = c.Experts, ic = c.Intermediate;
                list.Add((p + "ffn_gate_inp.weight", h, h * e, true)); // llama.cpp never quantizes the router
                if (c.GatedMlp) Mat(p + "ffn_gate_exps.weight", h, ic, e);
                Mat(p + "ffn_up_exps.weight", h, ic, e);
                Mat(p + "ffn_down_exps.weight", ic, h, e);
                if (c.SharedIntermediate > 0)
                {
                    long si = c.SharedIntermediate;
                    if (c.GatedMlp) Mat(p + "ffn_gate_shexp.weight", h, si);
                    Mat(p + "ffn_up_shexp.weight", h, si);
                    Mat(p + "ffn_down_shexp.weight", si, h);
                    if (c.SharedExpertGate) list.Add((p + "ffn_gate_inp_shexp.weight", h, h, true));
                }
            }
            else
            {
                long ic = c.DenseIntermediate > 0 ? c.DenseIntermediate : c.Intermediate;
                if (c.GatedMlp) Mat(p + "ffn_gate.weight", h, ic);
                Mat(p + "ffn_up.weight", h, ic);
                Mat(p + "ffn_down.weight", ic, h);
                if (c.MlpBias) { if (c.GatedMlp) Vec(p + "ffn_gate.bias", ic); Vec(p + "ffn_up.bias", ic); Vec(p + "ffn_down.bias", h); }
            }
            if (c.NormsPerLayer >= 4) Norm(p + "post_ffw_norm", h);
        }
        Norm("output_norm", h);
        if (!c.TieEmbeddings) Mat("output.weight", h, v);
        return list;
    }
}

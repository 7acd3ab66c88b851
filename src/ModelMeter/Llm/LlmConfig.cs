namespace ModelMeter.Llm;

/// <summary>
/// A decoder-only transformer's architecture, normalised from a Hugging Face <c>config.json</c>
/// (see <see cref="LlmConfigLoader"/>). All sizes are element counts.
/// </summary>
public sealed record LlmConfig
{
    /// <summary>Display name (built-in name or file name).</summary>
    public required string Name { get; init; }
    /// <summary>Where the configuration came from (file path, or the built-in's <c>_source</c> note).</summary>
    public string Source { get; init; } = "";
    /// <summary>The config's <c>model_type</c> (empty when absent).</summary>
    public string ModelType { get; init; } = "";
    /// <summary>Model width (hidden_size / n_embd / d_model).</summary>
    public required int Hidden { get; init; }
    /// <summary>Number of decoder layers.</summary>
    public required int Layers { get; init; }
    /// <summary>Number of query heads.</summary>
    public required int Heads { get; init; }
    /// <summary>Number of key/value heads (GQA/MQA; equals <see cref="Heads"/> for multi-head attention).</summary>
    public required int KvHeads { get; init; }
    /// <summary>Per-head dimension (head_dim, else hidden / heads).</summary>
    public required int HeadDim { get; init; }
    /// <summary>MLP inner size (per expert for mixture-of-experts).</summary>
    public required int Intermediate { get; init; }
    /// <summary>Vocabulary size.</summary>
    public required int Vocab { get; init; }
    /// <summary>Maximum context length (0 when the config does not say).</summary>
    public int MaxPositions { get; init; }
    /// <summary>Rows of the learned position-embedding table; 0 for rotary (or no) positions.</summary>
    public int LearnedPositionRows { get; init; }
    /// <summary>Fraction of each head's dimensions that rotary embeddings rotate (0 without rotary positions).</summary>
    public double RotaryFraction { get; init; } = 1.0;
    /// <summary>True when the lm_head shares the token-embedding matrix.</summary>
    public bool TieEmbeddings { get; init; }
    /// <summary>Activation function name (silu, gelu_new, relu, …).</summary>
    public string Activation { get; init; } = "silu";
    /// <summary>True for a gated MLP (gate, up and down projections); false for a plain two-matrix MLP.</summary>
    public bool GatedMlp { get; init; } = true;
    /// <summary>True when q/k/v projections carry biases.</summary>
    public bool QkvBias { get; init; }
    /// <summary>True when the attention output projection carries a bias.</summary>
    public bool OutputBias { get; init; }
    /// <summary>True when MLP projections carry biases.</summary>
    public bool MlpBias { get; init; }
    /// <summary>Normalisation kind.</summary>
    public NormKind Norm { get; init; } = NormKind.RmsNorm;
    /// <summary>Number of experts per MoE layer (0 for a dense MLP).</summary>
    public int Experts { get; init; }
    /// <summary>Experts each token is routed to (top-k).</summary>
    public int ExpertsPerToken { get; init; }
    /// <summary>Sliding attention window in tokens (null: full causal attention).</summary>
    public int? SlidingWindow { get; init; }
    /// <summary>GPT-NeoX/GPT-J parallel residual (attention and MLP read the same input).</summary>
    public bool ParallelResidual { get; init; }

    /// <summary>Layers of a mixture-of-experts model that keep a dense MLP (DeepSeek's first_k_dense_replace, Qwen2-MoE's mlp_only_layers).</summary>
    public IReadOnlySet<int> DenseLayers { get; init; } = new HashSet<int>();
    /// <summary>MLP inner size of the dense layers (<c>intermediate_size</c>; equals <see cref="Intermediate"/> for a dense model).</summary>
    public int DenseIntermediate { get; init; }
    /// <summary>Total inner size of the always-active shared expert(s) of an MoE layer (0: none).</summary>
    public int SharedIntermediate { get; init; }
    /// <summary>True when a sigmoid gate (a hidden → 1 linear) scales the shared expert (Qwen2-MoE).</summary>
    public bool SharedExpertGate { get; init; }
    /// <summary>True when the router carries a per-expert bias (DeepSeek-V3's e_score_correction_bias).</summary>
    public bool RouterBias { get; init; }
    /// <summary>Multi-head latent attention dimensions (null: ordinary multi-head / grouped-query attention).</summary>
    public LlmMla? Mla { get; init; }
    /// <summary>Norms inside each layer: 2 (pre-attention, pre-MLP), 4 (Gemma-2's pre and post norms), 1 (Falcon-7B's shared LayerNorm).</summary>
    public int NormsPerLayer { get; init; } = 2;
    /// <summary>True for a LayerNorm right after the token embedding (BLOOM's word_embeddings_layernorm).</summary>
    public bool EmbeddingNorm { get; init; }
    /// <summary>True for per-head RMS norms on queries and keys before rotary (Qwen3, Gemma-3, OLMo-2): head_dim scales each.</summary>
    public bool QkNorm { get; init; }
    /// <summary>Layers that attend to the full context although <see cref="SlidingWindow"/> is set (Gemma-2: every other layer); empty: all layers slide.</summary>
    public IReadOnlySet<int> FullAttentionLayers { get; init; } = new HashSet<int>();
    /// <summary>Soft-cap of the attention logits, c·tanh(x/c) (Gemma-2's attn_logit_softcapping; null: none).</summary>
    public double? AttentionSoftcap { get; init; }
    /// <summary>Soft-cap of the output logits (final_logit_softcapping; null: none).</summary>
    public double? FinalSoftcap { get; init; }
    /// <summary>Multi-token-prediction modules in the checkpoint (DeepSeek-V3's num_nextn_predict_layers); not counted.</summary>
    public int MtpModules { get; init; }

    /// <summary>The weights as stored (from a checkpoint's headers or a llama.cpp quantization plan); null: priced by formula at the quantization's bit width.</summary>
    public LlmStoredWeights? Weights { get; init; }

    /// <summary>True for a mixture-of-experts MLP.</summary>
    public bool IsMoe => Experts > 0;

    /// <summary>True when layer <paramref name="layer"/> (0-based) routes through experts.</summary>
    public bool IsMoeLayer(int layer) => IsMoe && !DenseLayers.Contains(layer);

    /// <summary>True when layer <paramref name="layer"/> attends within <see cref="SlidingWindow"/>.</summary>
    public bool IsSlidingLayer(int layer) => SlidingWindow is > 0 && !FullAttentionLayers.Contains(layer);

    /// <summary>Keys a query at 1-based <paramref name="position"/> attends to in layer <paramref name="layer"/> (window-capped there).</summary>
    public long AttendedKeys(int layer, long position) => IsSlidingLayer(layer) ? Math.Min(position, SlidingWindow!.Value) : position;

    /// <summary>Query width: heads × head dim.</summary>
    public long QueryWidth => (long)Heads * HeadDim;

    /// <summary>Key (or value) width: KV heads × head dim.</summary>
    public long KvWidth => (long)KvHeads * HeadDim;

    /// <summary>
    /// Keys a query at 1-based position <paramref name="position"/> attends to in the widest layer (window-capped when
    /// every layer slides; the full context when some layers attend globally).
    /// </summary>
    public long AttendedKeys(long position) => SlidingWindow is { } w && w > 0 && FullAttentionLayers.Count == 0 ? Math.Min(position, w) : position;
}

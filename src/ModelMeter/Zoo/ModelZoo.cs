using ModelMeter.Graphs;
using ModelMeter.Llm;

namespace ModelMeter.Zoo;

/// <summary>
/// Built-in architectures: torchvision image classifiers (ImageNet heads, input <c>input</c> [batch,3,224,224], output
/// <c>logits</c> [batch,1000], BatchNormalization kept as separate nodes) and a BERT-base encoder (<c>input_ids</c>
/// [batch,sequence] int64), and decoder-only LLMs exported as ONNX Runtime GenAI does (<see cref="DecoderBuilder"/>):
/// <c>llama-tiny-decoder</c> (GroupQueryAttention), <c>llama-tiny-decoder-mha</c> (MultiHeadAttention, 8 KV heads), and
/// <c>decoder:NAME</c> / <c>decoder-mha:NAME</c> for any built-in LLM config.
/// </summary>
public static class ModelZoo
{
    /// <summary>Names of the built-in models.</summary>
    public static IReadOnlyList<string> Names { get; } = 
    [
        "alexnet", "bert-base", "bert-large", "llama-tiny-decoder", "llama-tiny-decoder-mha", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small", "resnet101", "resnet152", "resnet18",
        "resnet34", "resnet50", "resnext50_32x4d", "squeezenet1_0", "squeezenet1_1", "vgg11", "vgg16", "vit_b_16", "wide_resnet50_2",
    ];

    /// <summary>Prefix of a decoder built from a built-in LLM config (<c>zoo:decoder:llama-2-7b</c>).</summary>
    public const string DecoderPrefix = "decoder:";

    /// <summary>Prefix of the MultiHeadAttention form of a decoder (<c>zoo:decoder-mha:gpt2</c>).</summary>
    public const string MhaDecoderPrefix = "decoder-mha:";

    /// <summary>The tiny Llama config with as many KV heads as query heads (for the MultiHeadAttention export).</summary>
    public static LlmConfig TinyLlamaMha { get; } = DecoderBuilder.TinyLlama with { Name = "llama-tiny-mha", KvHeads = 8 };

    /// <summary>
    /// Builds <paramref name="name"/> (<c>resnet50</c> or <c>zoo:resnet50</c>). Without <paramref name="withWeights"/>
    /// initializers have dims but no payload (enough for analysis); with it they hold deterministic pseudo-random float32
    /// values, so the model can be exported and run. An unknown name is a usage error listing the names.
    /// </summary>
    public static Model Build(string name, bool withWeights = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.StartsWith("zoo:", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;
        if (key.StartsWith(DecoderPrefix, StringComparison.OrdinalIgnoreCase))
            return Decoder(LlmConfigLoader.BuiltIn(key[DecoderPrefix.Length..]), DecoderAttention.GroupQuery, withWeights, key);
        if (key.StartsWith(MhaDecoderPrefix, StringComparison.OrdinalIgnoreCase))
            return Decoder(LlmConfigLoader.BuiltIn(key[MhaDecoderPrefix.Length..]), DecoderAttention.MultiHead, withWeights, key);
        return key.ToLowerInvariant() switch
        {
            "llama-tiny-decoder" => Decoder(DecoderBuilder.TinyLlama, DecoderAttention.GroupQuery, withWeights, "llama-tiny-decoder"),
            "llama-tiny-decoder-mha" => Decoder(TinyLlamaMha, DecoderAttention.MultiHead, withWeights, "llama-tiny-decoder-mha"),
            "resnet18" => ResNetBuilder.Build("resnet18", false, [2, 2, 2, 2], withWeights),
            "resnet34" => ResNetBuilder.Build("resnet34", false, [3, 4, 6, 3], withWeights),
            "resnet50" => ResNetBuilder.Build("resnet50", true, [3, 4, 6, 3], withWeights),
            "resnet101" => ResNetBuilder.Build("resnet101", true, [3, 4, 23, 3], withWeights),
            "resnet152" => ResNetBuilder.Build("resnet152", true, [3, 8, 36, 3], withWeights),
            "resnext50_32x4d" => ResNetBuilder.Build("resnext50_32x4d", true, [3, 4, 6, 3], withWeights, groups: 32, widthPerGroup: 4),
            "wide_resnet50_2" => ResNetBuilder.Build("wide_resnet50_2", true, [3, 4, 6, 3], withWeights, widthPerGroup: 128),
            "vgg11" or "vgg16" => VggBuilder.Build(key.ToLowerInvariant(), withWeights),
            "alexnet" => AlexNetBuilder.Build(withWeights),
            "squeezenet1_0" or "squeezenet1_1" => SqueezeNetBuilder.Build(key.ToLowerInvariant(), withWeights),
            "mobilenet_v2" => MobileNetV2Builder.Build(withWeights),
            "mobilenet_v3_large" or "mobilenet_v3_small" => MobileNetV3Builder.Build(key.ToLowerInvariant(), withWeights),
            "vit_b_16" => VitBuilder.Build(withWeights),
            "bert-base" => BertBuilder.Build(withWeights),
            "bert-large" => BertBuilder.BuildLarge(withWeights),
            _ => throw ModelMeterException.Usage($"unknown zoo model '{name}' (built-in: {string.Join(", ", Names)}, "
                + $"{DecoderPrefix}NAME or {MhaDecoderPrefix}NAME for an LLM config: {string.Join(", ", LlmConfigLoader.BuiltInNames)})"),
        };
    }

    private static Model Decoder(LlmConfig config, DecoderAttention attention, bool withWeights, string name)
        => DecoderBuilder.Build(config, new DecoderOptions(attention, withWeights, name));
}

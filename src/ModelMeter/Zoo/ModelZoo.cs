using ModelMeter.Graphs;
using ModelMeter.Llm;

namespace ModelMeter.Zoo;

/// <summary>
/// Built-in architectures (torchvision definitions, ImageNet heads, input <c>input</c> [batch,3,224,224], output
/// <c>logits</c> [batch,1000], BatchNormalization kept as separate nodes), and decoder-only LLMs exported as ONNX Runtime
/// GenAI does (<see cref="DecoderBuilder"/>): <c>llama-tiny-decoder</c> (GroupQueryAttention), <c>llama-tiny-decoder-mha</c>
/// (MultiHeadAttention, 8 KV heads), and <c>decoder:NAME</c> / <c>decoder-mha:NAME</c> for any built-in LLM config.
/// </summary>
public static class ModelZoo
{
    /// <summary>Names of the built-in models.</summary>
    public static IReadOnlyList<string> Names { get; } = ["llama-tiny-decoder", "llama-tiny-decoder-mha", "mobilenet_v2", "resnet18", "resnet50"];

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
            "resnet18" => ResNet.Build("resnet18", false, [2, 2, 2, 2], withWeights),
            "resnet50" => ResNet.Build("resnet50", true, [3, 4, 6, 3], withWeights),
            "mobilenet_v2" => MobileNetV2.Build(withWeights),
            _ => throw ModelMeterException.Usage($"unknown zoo model '{name}' (built-in: {string.Join(", ", Names)}, "
                + $"{DecoderPrefix}NAME or {MhaDecoderPrefix}NAME for an LLM config: {string.Join(", ", LlmConfigLoader.BuiltInNames)})"),
        };
    }

    private static Model Decoder(LlmConfig config, DecoderAttention attention, bool withWeights, string name)
        => DecoderBuilder.Build(config, new DecoderOptions(attention, withWeights, name));
}

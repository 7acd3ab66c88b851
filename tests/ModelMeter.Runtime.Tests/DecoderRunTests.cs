using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMeter.Onnx;
using ModelMeter.Shapes;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Runtime.Tests;

/// <summary>
/// The zoo's decoder exports are real ONNX Runtime graphs: ONNX Runtime loads them, runs a decode step with a KV cache
/// and a prefill with an empty cache, and its output shapes (logits, present.{i}.key/value) are the ones our shape
/// inference gives for the same dims.
/// </summary>
public class DecoderRunTests
{
    [Theory]
    [InlineData(DecoderAttention.GroupQuery, 1, 7)]
    [InlineData(DecoderAttention.GroupQuery, 5, 0)]
    [InlineData(DecoderAttention.MultiHead, 1, 7)]
    public void Ort_runs_the_export_with_the_shapes_we_infer(DecoderAttention attention, int seq, int past)
    {
        var config = attention == DecoderAttention.MultiHead ? ModelZoo.TinyLlamaMha : DecoderBuilder.TinyLlama;
        var model = DecoderBuilder.Build(config, new DecoderOptions(attention, WithWeights: true));
        var dir = Directory.CreateTempSubdirectory("mm-decoder-run-");
        try
        {
            var path = Path.Combine(dir.FullName, "decoder.onnx");
            OnnxWriter.Write(model, path);
            using var session = new InferenceSession(path);
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(Enumerable.Range(0, seq).Select(i => (long)(i * 7 % config.Vocab)).ToArray(), [1, seq])),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, past + seq).ToArray(), [1, past + seq])),
            };
            if (session.InputMetadata.ContainsKey("position_ids"))
                inputs.Add(NamedOnnxValue.CreateFromTensor("position_ids", new DenseTensor<long>(Enumerable.Range(past, seq).Select(i => (long)i).ToArray(), [1, seq])));
            for (int i = 0; i < config.Layers; i++)
                foreach (var kv in new[] { "key", "value" })
                    inputs.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{i}.{kv}", new DenseTensor<float>([1, config.KvHeads, past, config.HeadDim])));
            using var results = session.Run(inputs);
            var profile = Analyzer.Analyze(OnnxReader.Read(path), new ShapeOptions(Dims: new Dictionary<string, long>
            {
                [DecoderBuilder.Batch] = 1, [DecoderBuilder.Sequence] = seq, [DecoderBuilder.Past] = past, [DecoderBuilder.Total] = past + seq,
            }));
            foreach (var r in results)
            {
                var ort = "[" + string.Join(",", r.AsTensor<float>().Dimensions.ToArray()) + "]";
                Assert.Equal(ort, profile.Outputs.Single(o => o.Name == r.Name).Shape!.ToString());
            }
            Assert.Equal($"[1,{seq},{config.Vocab}]", profile.Outputs.Single(o => o.Name == "logits").Shape!.ToString());
            Assert.Equal(1 + 2 * config.Layers, results.Count);
            Assert.All(results.Single(r => r.Name == "logits").AsTensor<float>(), v => Assert.True(float.IsFinite(v)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

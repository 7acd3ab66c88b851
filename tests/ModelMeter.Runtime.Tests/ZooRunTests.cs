using ModelMeter.Onnx;
using ModelMeter.Zoo;
using Xunit;

namespace ModelMeter.Runtime.Tests;

/// <summary>Zoo models built with weights are valid ONNX that ONNX Runtime loads and runs.</summary>
public class ZooRunTests
{
    [Theory]
    [InlineData("squeezenet1_1")]
    [InlineData("mobilenet_v3_small")]
    public void Zoo_model_with_weights_runs_in_onnx_runtime(string name)
    {
        var dir = Directory.CreateTempSubdirectory("modelmeter-zoo-").FullName;
        try
        {
            var path = Path.Combine(dir, name + ".onnx");
            OnnxWriter.Write(ModelZoo.Build(name, withWeights: true), path);
            var r = Bencher.Run(path, new BenchOptions(Runs: 2, Warmup: 0, Threads: 1, Profile: false));
            Assert.False(r.RandomWeights); // every initializer was written with its values
            Assert.Equal(2, r.Latency.Count);
            Assert.Equal([1L, 3, 224, 224], Assert.Single(r.Inputs).Shape);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

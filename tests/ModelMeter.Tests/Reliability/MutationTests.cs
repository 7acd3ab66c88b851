using System.Diagnostics;
using Xunit;

namespace ModelMeter.Tests.Reliability;

/// <summary>
/// Deterministic mutation test: thousands of seeded byte mutations of real models (flip, truncate, insert,
/// varint-length corruption) through the whole pipeline; each must end in a profile or a ModelMeterException.
/// </summary>
public sealed class MutationTests
{
    internal static readonly string[] Models =
    [
        "models/resnet18.fused.graph-only.onnx",
        "models/squeezenet1_1.bn.graph-only.onnx",
        "models/vgg16.fused.graph-only.onnx",
        "onnx-edge-cases/burn-onnx-tests/subgraph__outer_scope_constant.onnx",
        "onnx-edge-cases/burn-onnx-tests/reshape__reshape_shape_partial.onnx",
        "onnx-edge-cases/burn-onnx-tests/topk__topk.onnx",
        "onnx-edge-cases/burn-onnx-tests/layer_norm__layer_norm.onnx",
        "onnx-edge-cases/burn-onnx-tests/empty_graph__empty_graph_shape.onnx",
    ];

    private const int PerModel = 1000;

    [CorpusFact]
    public void ThousandsOfMutatedRealModelsEndInAResultOrACleanError()
    {
        var sw = Stopwatch.StartNew();
        int results = 0, errors = 0;
        foreach (var rel in Models)
        {
            var original = File.ReadAllBytes(Corpus.Path(rel.Split('/')));
            var rng = new Random(rel.Length * 7919 + original.Length);
            for (var k = 0; k < PerModel; k++)
            {
                var (mutated, how) = Mutate(original, rng);
                Outcome o;
                try
                {
                    o = HostileInputTests.Bounded(() => Pipeline.Run(mutated, rel));
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException($"{rel} mutation {k} ({how}): {ex.GetBaseException().GetType().Name}: {ex.GetBaseException().Message}\n{ex}");
                }
                if (o.Profile is not null) results++;
                else errors++;
            }
        }
        Assert.Equal(Models.Length * PerModel, results + errors);
        Assert.True(results > 0 && errors > 0, $"{results} results, {errors} errors: the mutations should produce both");
        Stats.Write("mutation", $"{Models.Length * PerModel} mutations: {results} profiles, {errors} clean errors in {sw.Elapsed.TotalSeconds:F1} s; " +
            $"longest single run {Pipeline.Longest.TotalMilliseconds:F0} ms, most allocated {Pipeline.MostAllocated / 1048576.0:F1} MiB");
    }

    [CorpusFact]
    public void EveryEdgeCaseModelEndsInAResultOrACleanError()
    {
        var files = Directory.GetFiles(Corpus.Path("onnx-edge-cases"), "*.onnx", SearchOption.AllDirectories);
        Assert.True(files.Length > 400);
        foreach (var f in files)
        {
            var o = HostileInputTests.Bounded(() => Pipeline.RunFile(f));
            Assert.True(o.Profile is not null || o.IsBadModel, $"{f}: {o}");
        }
    }

    internal static (byte[] Bytes, string How) Mutate(byte[] original, Random rng)
    {
        var b = (byte[])original.Clone();
        var count = 1 + rng.Next(4);
        var how = new List<string>();
        for (var m = 0; m < count && b.Length > 0; m++)
        {
            var pos = rng.Next(b.Length);
            switch (rng.Next(5))
            {
                case 0:
                    b[pos] ^= (byte)(1 << rng.Next(8));
                    how.Add($"flip@{pos}");
                    break;
                case 1:
                    b = b[..pos];
                    how.Add($"truncate@{pos}");
                    break;
                case 2:
                    var ins = new byte[1 + rng.Next(16)];
                    rng.NextBytes(ins);
                    b = [.. b[..pos], .. ins, .. b[pos..]];
                    how.Add($"insert{ins.Length}@{pos}");
                    break;
                case 3:
                    // Varint-length corruption: after a length-delimited tag, write a huge or off-by-some length.
                    var at = FindLengthDelimited(b, pos);
                    if (at < 0 || at + 1 >= b.Length) goto case 0;
                    byte[] len = rng.Next(3) switch
                    {
                        0 => [0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
                        1 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
                        _ => [(byte)(b[at + 1] + 1 + rng.Next(8) & 0x7F)],
                    };
                    b = [.. b[..(at + 1)], .. len, .. b[(at + 2)..]];
                    how.Add($"varint@{at}");
                    break;
                default:
                    b[pos] = (byte)rng.Next(256);
                    how.Add($"set@{pos}");
                    break;
            }
        }
        return (b, string.Join(",", how));
    }

    private static int FindLengthDelimited(byte[] b, int from)
    {
        for (var i = from; i < b.Length - 1; i++)
            if ((b[i] & 7) == 2 && b[i] >> 3 is > 0 and < 16) return i;
        return -1;
    }
}

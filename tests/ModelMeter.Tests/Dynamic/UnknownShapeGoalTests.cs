using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Shapes;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests.Dynamic;

/// <summary>
/// Issue 12, goal: without any <c>--dim</c>, every node output of every real model in the corpus (subgraphs included)
/// has a known rank and no unknown dim: dynamic dims stay symbolic expressions, data-dependent sizes are fresh symbols.
/// </summary>
public sealed class UnknownShapeGoalTests(ITestOutputHelper output)
{
    /// <summary>Node outputs (top level and in subgraphs) with an unknown rank or an unknown dim, as "node: output type".</summary>
    internal static List<string> UnknownOutputs(InferredGraph g)
    {
        var list = new List<string>();
        foreach (var n in g.Nodes)
        {
            foreach (var o in n.Node.Outputs)
            {
                if (o.Length == 0 || g.Value(o)?.Type is not { } t) continue;
                if (t.Kind != ValueKind.Tensor) continue;
                if (t.Shape is null || t.Shape.Dims.Any(d => d.IsUnknown)) list.Add($"{n.Node.Name} ({n.Node.OpType}): {o} {t}");
            }
            foreach (var sg in n.Context.Subgraphs.Values) list.AddRange(UnknownOutputs(sg));
        }
        return list;
    }

    [CorpusFact]
    public void Real_models_have_no_unknown_output_shape_without_dims()
    {
        var files = Directory.GetFiles(Corpus.Path("models", "real"), "*.onnx").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var g = ShapeEngine.Infer(OnnxReader.Read(file), default);
            var unknown = UnknownOutputs(g);
            output.WriteLine($"{Path.GetFileName(file)}: {unknown.Count} unknown output shapes");
            failures.AddRange(unknown.Take(8).Select(u => $"{Path.GetFileName(file)}: {u}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

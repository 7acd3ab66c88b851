using Microsoft.ML.OnnxRuntime;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Runtime.Internals;
using ModelMeter.Shapes;

namespace ModelMeter.Runtime.Tests;

/// <summary>What the oracle found for one model.</summary>
/// <param name="Values">Tensor values of the main graph produced by nodes (all made graph outputs).</param>
/// <param name="Checked">Values whose inferred shape was fully known, compared with ONNX Runtime's.</param>
/// <param name="Unknown">Values whose inferred shape had an unknown or symbolic dim (or no shape).</param>
/// <param name="Mismatches">One line per value whose inferred shape or element type differs from ONNX Runtime's.</param>
/// <param name="Feeds">The input shapes fed, for the report.</param>
/// <param name="UnknownValues">The values counted in <paramref name="Unknown"/>, with what we inferred and ONNX Runtime's shape.</param>
public sealed record OracleReport(int Values, int Checked, int Unknown, IReadOnlyList<string> Mismatches, string Feeds, IReadOnlyList<string> UnknownValues);

/// <summary>
/// ONNX Runtime as an oracle for shape inference: every intermediate value of the main graph becomes a graph output, the
/// model runs once (graph optimisation disabled, so values keep their names) and each value's real shape is compared
/// with the one <see cref="ShapeEngine"/> inferred for the same concrete input shapes.
/// </summary>
public static class ShapeOracle
{
    /// <summary>Runs <paramref name="model"/> once and compares every node output's shape.</summary>
    /// <param name="model">The model (weights may be missing: random ones are filled in as the bench does).</param>
    /// <param name="dims">Values of symbolic input dims (others are 1, as the bench resolves them).</param>
    /// <param name="shapes">Whole input shapes, replacing the declared ones (also in the file ONNX Runtime runs, so a fixed
    /// 224×224 input can be run at another size).</param>
    /// <param name="registry">Op rules for our inference (null: the default ones).</param>
    public static OracleReport Check(Model model, IReadOnlyDictionary<string, long>? dims = null, IReadOnlyDictionary<string, long[]>? shapes = null,
        Ops.OpRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var g = model.Graph;
        var produced = new List<string>();
        var seen = new HashSet<string>(g.Outputs.Select(o => o.Name), StringComparer.Ordinal);
        foreach (var n in g.Nodes)
            foreach (var o in n.Outputs)
                if (o.Length > 0 && seen.Add(o)) produced.Add(o);
        // Declared intermediate types (value_info) are dropped: they were written for the declared input sizes.
        // Output types are left undeclared (ONNX Runtime infers them), so a wrong guess of ours cannot stop the model loading.
        var extended = WithGraph(model, new Graph
        {
            Name = g.Name, Nodes = g.Nodes, Initializers = g.Initializers, DocString = g.DocString,
            Inputs = [.. g.Inputs.Select(i => shapes is not null && shapes.TryGetValue(i.Name, out var d) ? i with { Type = i.Type with { Shape = Shape.Of(d) } } : i)],
            Outputs = [.. g.Outputs, .. produced.Select(p => new ValueInfo(p, TensorType.Unknown))],
        });
        if (RandomWeights.Needed(extended)) extended = RandomWeights.Fill(extended, seed: 1);
        var dir = Directory.CreateTempSubdirectory("mm-oracle-");
        try
        {
            var path = Path.Combine(dir.FullName, "all_outputs.onnx");
            OnnxWriter.Write(extended, path);
            using var so = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
                IntraOpNumThreads = 1,
            };
            using var session = new InferenceSession(path, so);
            var resolved = InputDims.Resolve(session.InputMetadata, dims);
            var factory = new InputFactory(g, resolved, shapes, new Random(1));
            var names = new List<string>();
            var values = new List<OrtValue>();
            var fed = new Dictionary<string, Shape>(StringComparer.Ordinal);
            try
            {
                foreach (var (name, meta) in session.InputMetadata)
                {
                    var (v, feed) = factory.Create(name, meta);
                    names.Add(name); values.Add(v);
                    fed[name] = Shape.Of(feed.Shape);
                }
                var outputs = session.OutputMetadata.Keys.ToArray();
                using var results = session.Run(new RunOptions(), names, values, outputs);
                var ours = ShapeEngine.Infer(model, new ShapeOptions(Dims: resolved, InputShapes: fed, Registry: registry));
                int total = 0, chk = 0, unknown = 0;
                var bad = new List<string>();
                var unknownValues = new List<string>();
                var producedSet = g.Nodes.SelectMany(n => n.Outputs).ToHashSet(StringComparer.Ordinal);
                for (int i = 0; i < outputs.Length; i++)
                {
                    var r = results[i];
                    if (r.OnnxType != OnnxValueType.ONNX_TYPE_TENSOR || !producedSet.Contains(outputs[i])) continue;
                    total++;
                    var info = r.GetTensorTypeAndShape();
                    var ort = Shape.Of(info.Shape);
                    var mine = ours.Value(outputs[i])?.Type;
                    var producer = ours.Value(outputs[i])?.Producer;
                    if (mine is not { Kind: ValueKind.Tensor, Shape: { IsFullyKnown: true } s })
                    {
                        unknown++;
                        unknownValues.Add($"{outputs[i]} (node {producer}): inferred {mine?.ToString() ?? "nothing"}, ONNX Runtime {ort}");
                        continue;
                    }
                    chk++;
                    if (!s.Equals(ort))
                        bad.Add($"{outputs[i]} (node {producer}): inferred {s}, ONNX Runtime {ort}");
                    else if (mine.ElementType != DataType.Undefined && (int)mine.ElementType != (int)info.ElementDataType)
                        bad.Add($"{outputs[i]} (node {producer}): inferred {mine.ElementType}, ONNX Runtime {info.ElementDataType}");
                }
                return new OracleReport(total, chk, unknown, bad, string.Join(", ", fed.Select(f => f.Key + f.Value)), unknownValues);
            }
            finally
            {
                foreach (var v in values) v.Dispose();
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    static Model WithGraph(Model m, Graph g) => new()
    {
        Path = m.Path, IrVersion = m.IrVersion, Opsets = m.Opsets, ProducerName = m.ProducerName, ProducerVersion = m.ProducerVersion, Domain = m.Domain,
        ModelVersion = m.ModelVersion, DocString = m.DocString, Metadata = m.Metadata, Graph = g, Functions = m.Functions, ReadWarnings = m.ReadWarnings,
    };
}

using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Shapes;

namespace ModelMeter.Tests.NodeSuite;

/// <summary>One case of a suite: a model and the expected output tensors beside it.</summary>
internal sealed record SuiteCase(string Name, string ModelPath, IReadOnlyList<string> InputFiles, IReadOnlyList<string> OutputFiles);

/// <summary>The outcome of one case.</summary>
internal sealed record CaseResult(string Name, IReadOnlyList<string> OpTypes, bool Passed, string Reason);

/// <summary>
/// Runs shape inference on ONNX test cases from the input types alone (declared output types and value_info are not
/// used by the engine) and compares each inferred output shape with the dims of the expected output tensor.
/// </summary>
internal static class SuiteRunner
{
    /// <summary>Cases of a folder: node-test layout (case/model.onnx + test_data_set_0) or light layout (x.onnx + x_output_0.pb).</summary>
    public static List<SuiteCase> Discover(string root)
    {
        var cases = new List<SuiteCase>();
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var model = Path.Combine(dir, "model.onnx");
            var data = Path.Combine(dir, "test_data_set_0");
            if (!File.Exists(model) || !Directory.Exists(data)) continue;
            cases.Add(new SuiteCase(Path.GetFileName(dir), model, Numbered(data, "input_"), Numbered(data, "output_")));
        }
        foreach (var model in Directory.GetFiles(root, "*.onnx").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(model);
            var outs = Directory.GetFiles(root, stem + "_output_*.pb").Order(StringComparer.Ordinal).ToList();
            if (outs.Count > 0) cases.Add(new SuiteCase(stem, model, [], outs));
        }
        return cases;
    }

    private static List<string> Numbered(string dir, string prefix) =>
        Directory.GetFiles(dir, prefix + "*.pb").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[prefix.Length..])).ToList();

    /// <summary>Runs one case.</summary>
    public static CaseResult Run(SuiteCase c) => Run(c, feedValues: true);

    /// <summary>
    /// Runs one case. With <paramref name="feedValues"/>, small inputs (at most 64 elements: shapes, axes, pads, scales
    /// that the backend tests pass as graph inputs) become constants with their test-data values, as a user's model
    /// would hold them as initializers; without it only the input types are known.
    /// </summary>
    public static CaseResult Run(SuiteCase c, bool feedValues)
    {
        Model model;
        try { model = OnnxReader.Read(c.ModelPath); }
        catch (ModelMeterException e) { return new CaseResult(c.Name, [], false, "read: " + e.Message); }
        if (feedValues) model = WithSmallInputsAsConstants(model, c.InputFiles);
        var ops = model.Graph.Nodes.Select(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}:{n.OpType}").Distinct().Order(StringComparer.Ordinal).ToList();
        var inputs = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var real = model.Graph.RealInputs.ToList();
        for (int i = 0; i < real.Count && i < c.InputFiles.Count; i++)
        {
            var t = real[i].Type;
            if (t.Kind != ValueKind.Tensor || t.Shape is { IsFullyKnown: true }) continue;
            inputs[real[i].Name] = Shape.Of(TensorFile.ReadDims(c.InputFiles[i]));
        }
        InferredGraph g;
        try
        {
            g = ShapeEngine.Infer(model, new ShapeOptions(InputShapes: inputs));
            CostCalculator.Compute(g);
        }
        catch (Exception e) when (e is ModelMeterException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new CaseResult(c.Name, ops, false, $"{e.GetType().Name}: {e.Message}");
        }
        for (int i = 0; i < model.Graph.Outputs.Count && i < c.OutputFiles.Count; i++)
        {
            var declared = model.Graph.Outputs[i];
            var got = g.Value(declared.Name)?.Type;
            string? why = Compare(declared, got, c.OutputFiles[i], g.Binding.DataDependentSymbols);
            if (why is null) continue;
            var diag = g.Diagnostics.FirstOrDefault(d => d.Severity != Severity.Info);
            return new CaseResult(c.Name, ops, false, why + (diag is null ? "" : $" — {diag.Message}"));
        }
        return new CaseResult(c.Name, ops, true, "");
    }

    private static Model WithSmallInputsAsConstants(Model model, IReadOnlyList<string> inputFiles)
    {
        var g = model.Graph;
        var real = g.RealInputs.ToList();
        var inits = new Dictionary<string, TensorData>(g.Initializers, StringComparer.Ordinal);
        var fed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < real.Count && i < inputFiles.Count; i++)
        {
            if (real[i].Type.Kind != ValueKind.Tensor) continue;
            var v = TensorFile.ReadValues(inputFiles[i], 64);
            if (v is not { } t || t.DataType == 0) continue;
            inits[real[i].Name] = new TensorData { Name = real[i].Name, DataType = (DataType)t.DataType, Dims = t.Dims, Encoding = TensorEncoding.Decoded, InlineValues = t.Values };
            fed.Add(real[i].Name);
        }
        if (fed.Count == 0) return model;
        var graph = new Graph
        {
            Name = g.Name, Nodes = g.Nodes, Inputs = g.Inputs.Where(x => !fed.Contains(x.Name)).ToList(), Outputs = g.Outputs,
            ValueInfos = g.ValueInfos, Initializers = inits, DocString = g.DocString,
        };
        return new Model { Path = model.Path, IrVersion = model.IrVersion, Opsets = model.Opsets, Graph = graph, Functions = model.Functions };
    }

    private static string? Compare(ValueInfo declared, TensorType? got, string expectedFile, IReadOnlyCollection<string> dataDependent)
    {
        if (got is null) return $"output '{declared.Name}' not inferred";
        if (declared.Type.Kind is ValueKind.Sequence or ValueKind.Optional)
        {
            if (got.Kind != declared.Type.Kind && !(declared.Type.Kind == ValueKind.Optional && got.Kind != ValueKind.Tensor))
                return $"output '{declared.Name}': expected {declared.Type.Kind}, inferred {got}";
            var elems = TensorFile.ReadContainerDims(expectedFile);
            if (got.Items is { } items && declared.Type.Kind == ValueKind.Sequence)
            {
                // a sequence whose elements inference knows one by one: the count and every known shape must match
                if (items.Count != elems.Count) return $"output '{declared.Name}': {items.Count} elements inferred, expected {elems.Count}";
                for (int k = 0; k < items.Count; k++)
                    if (items[k].Shape is { IsFullyKnown: true } ks && !ks.Equals(Shape.Of(elems[k])))
                        return $"output '{declared.Name}': element {k} shape {ks}, expected {Shape.Of(elems[k])}";
                return null;
            }
            var elemShape = got.Element?.Shape;
            if (elems.Count == 0 || elemShape is null) return null;
            if (elems.Select(e => Shape.Of(e)).Distinct().Count() == 1 && elemShape.IsFullyKnown && !elemShape.Equals(Shape.Of(elems[0])))
                return $"output '{declared.Name}': element shape {elemShape}, expected {Shape.Of(elems[0])}";
            return null;
        }
        var want = Shape.Of(TensorFile.ReadDims(expectedFile));
        if (got.Shape is null) return $"output '{declared.Name}': shape not inferred (expected {want})";
        // issue 12: a data-dependent dim is right when it is a fresh symbol (an expression of such symbols) and every other dim matches
        bool Matches(Dim d, Dim w) => d.Equals(w) || d.IsSymbolic && d.Symbols.All(dataDependent.Contains);
        if (got.Shape.Rank != want.Rank || !got.Shape.Dims.Zip(want.Dims).All(p => Matches(p.First, p.Second)))
            return $"output '{declared.Name}': inferred {got.Shape}, expected {want}";
        return null;
    }
}

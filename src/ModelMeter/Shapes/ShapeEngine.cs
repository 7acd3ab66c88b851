using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Ops;

namespace ModelMeter.Shapes;

/// <summary>
/// Walks a model's graph in topological order and infers every value's type with the op rules, propagating the
/// values of small integer tensors. A node that cannot be inferred gets a diagnostic; the walk never stops.
/// </summary>
public sealed class ShapeEngine
{
    /// <summary>Largest tensor whose values are propagated.</summary>
    public const int MaxValueElements = 1 << 16;

    /// <summary>Deepest subgraph nesting analysed.</summary>
    public const int MaxDepth = 200;

    private readonly Model _model;
    private readonly OpRegistry _registry;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<(string Domain, string Name), IOpRule?> _functionRules = new();
    private int _depth;

    private ShapeEngine(Model model, ShapeOptions options)
    {
        _model = model;
        _registry = options.Registry ?? OpRegistry.Default;
        Binding = new DimBinding(options.Dims);
    }

    /// <summary>How dims become numbers for counting.</summary>
    public DimBinding Binding { get; }

    /// <summary>Infers the model's main graph.</summary>
    public static InferredGraph Infer(Model model, ShapeOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var engine = new ShapeEngine(model, options);
        var g = model.Graph;
        var overrides = options.InputShapes ?? new Dictionary<string, Shape>();
        var realInputs = g.RealInputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in overrides.Keys)
            if (!realInputs.Contains(name))
                throw ModelMeterException.Usage($"--input: {model.Path} has no input '{name}' (inputs: {string.Join(", ", realInputs)})");
        var types = new List<TensorType?>();
        foreach (var input in g.Inputs)
        {
            var t = input.Type;
            // an initializer listed among the inputs (IR < 4) keeps its constant tensor unless the user overrides it
            if (g.Initializers.ContainsKey(input.Name) && !overrides.ContainsKey(input.Name)) { types.Add(null); continue; }
            if (overrides.TryGetValue(input.Name, out var s)) t = t with { Shape = s };
            else if (NameUnknownDims(input).Type is { Shape: { } shape } named) t = named with { Shape = new Shape(shape.Dims.Select(d => d.Substitute(engine.Binding.UserValue))) };
            types.Add(t);
        }
        return engine.Run(g, types, new Dictionary<string, ValueState>(StringComparer.Ordinal), "");
    }

    /// <summary>
    /// A graph input whose dims have neither a number nor a name (<c>-1</c>, empty <c>dim_param</c>) gets one symbol per such
    /// dim, <c>INPUT_dAXIS</c> (e.g. <c>input_d0</c>), so the size stays symbolic through the graph (trip counts, time
    /// axes) and can be set with <c>--dim</c> like a named one.
    /// </summary>
    internal static ValueInfo NameUnknownDims(ValueInfo input)
    {
        if (input.Type.Shape is not { } shape || !shape.Dims.Any(d => d.IsUnknown)) return input;
        var dims = shape.Dims.Select((d, k) => d.IsUnknown ? Dim.Symbol($"{input.Name}_d{k}") : d);
        return input with { Type = input.Type with { Shape = new Shape(dims) } };
    }

    internal void Report(Diagnostic d)
    {
        lock (_diagnostics) _diagnostics.Add(d);
    }

    internal long OpsetOf(string domain)
    {
        var key = domain == "ai.onnx" ? "" : domain;
        if (_model.Opsets.TryGetValue(key, out var v)) return v;
        if (key.Length == 0 && _model.Opsets.TryGetValue("ai.onnx", out v)) return v;
        return 0;
    }

    internal InferredGraph InferSubgraph(Graph graph, IReadOnlyList<TensorType?> inputTypes, IReadOnlyDictionary<string, ValueState> scope, string scopePath)
    {
        if (_depth >= MaxDepth)
            throw new ShapeException($"subgraph nesting deeper than {MaxDepth} levels is not analysed");
        _depth++;
        try { return Run(graph, inputTypes, scope, scopePath); }
        finally { _depth--; }
    }

    private InferredGraph Run(Graph g, IReadOnlyList<TensorType?> inputTypes, IReadOnlyDictionary<string, ValueState> outer, string scopePath)
    {
        var values = new Dictionary<string, ValueState>(outer, StringComparer.Ordinal);
        foreach (var (name, t) in g.Initializers) values[name] = new ValueState(name, t.Type, null, t);
        for (int i = 0; i < g.Inputs.Count; i++)
        {
            var input = g.Inputs[i];
            if (g.Initializers.ContainsKey(input.Name) && (i >= inputTypes.Count || inputTypes[i] is null)) continue;
            var t = i < inputTypes.Count && inputTypes[i] is { } given ? given : input.Type;
            values[input.Name] = new ValueState(input.Name, t);
        }
        var order = TopologicalOrder.Sort(g, values.Keys, out var cyclic, out var missing);
        foreach (var (node, name) in missing)
            Report(new Diagnostic(Severity.Error, scopePath + node, $"input '{name}' is not produced by any node, initializer or graph input"));
        foreach (var node in cyclic)
            Report(new Diagnostic(Severity.Error, scopePath + node.Name, "node is part of a cycle; not analysed"));
        var inferred = new List<InferredNode>(order.Count);
        foreach (var node in order) inferred.Add(InferNode(node, values, scopePath));
        return new InferredGraph(_model, g, inferred, values, _diagnostics, Binding);
    }

    /// <summary>The rule that expands a call of a model-local function, or null when the model defines none of that (domain, name).</summary>
    private IOpRule? FunctionRule(Node node)
    {
        if (_model.Functions.Count == 0) return null;
        var domain = node.Domain == "ai.onnx" ? "" : node.Domain;
        lock (_functionRules)
        {
            if (_functionRules.TryGetValue((domain, node.OpType), out var r)) return r;
            var f = _model.Functions.FirstOrDefault(x => (x.Domain == "ai.onnx" ? "" : x.Domain) == domain && x.Name == node.OpType);
            r = f is null ? null : new FunctionCallRule(f);
            _functionRules[(domain, node.OpType)] = r;
            return r;
        }
    }

    private InferredNode InferNode(Node node, Dictionary<string, ValueState> values, string scopePath)
    {
        var inputs = new ValueState?[node.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = node.Inputs[i].Length > 0 && values.TryGetValue(node.Inputs[i], out var s) ? s : null;
        var ctx = new OpContext(node, OpsetOf(node.Domain), inputs, this, values, scopePath);
        var rule = _registry.Find(node.Domain, node.OpType) ?? FunctionRule(node);
        bool ok = false;
        if (rule is null)
        {
            Report(new Diagnostic(Severity.Warning, ctx.DiagnosticName, $"unknown op type '{node.OpType}' (domain {node.DomainOrDefault}): shape not inferred, cost not counted"));
        }
        else
        {
            try
            {
                rule.Infer(ctx);
                ok = true;
                for (int i = 0; i < ctx.OutputCount; i++)
                    if (ctx.HasOutput(i) && ctx.Output(i) is null) { ok = false; Report(new Diagnostic(Severity.Warning, ctx.DiagnosticName, $"output {i} ('{node.Outputs[i]}') type not inferred")); }
            }
            catch (Exception e) when (e is ShapeException or OverflowException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or InvalidDataException or DivideByZeroException or KeyNotFoundException)
            {
                var msg = e is OverflowException ? "dimension product overflows 64 bits" : e.Message;
                Report(new Diagnostic(Severity.Error, ctx.DiagnosticName, $"{node.OpType}: shape inference failed: {msg}"));
            }
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var name = node.Outputs[i];
            if (name.Length == 0) continue;
            values[name] = ctx.Output(i) ?? new ValueState(name, TensorType.Unknown, producer: node.Name);
        }
        return new InferredNode(node, rule, ctx, ok);
    }
}

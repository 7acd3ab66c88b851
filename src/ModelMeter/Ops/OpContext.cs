using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Ops;

/// <summary>
/// What a rule sees of one node: attributes, opset, input states (types and small constant values), and where it
/// writes output states. Also evaluates dims to numbers for counting and infers subgraphs for control flow.
/// </summary>
public sealed class OpContext
{
    private readonly ValueState?[] _inputs;
    private readonly ValueState?[] _outputs;
    private readonly ShapeEngine _engine;
    private readonly IReadOnlyDictionary<string, ValueState> _scope;

    internal OpContext(Node node, long opset, ValueState?[] inputs, ShapeEngine engine, IReadOnlyDictionary<string, ValueState> scope, string scopePath = "")
    {
        Node = node;
        DiagnosticName = scopePath + node.Name;
        Opset = opset;
        _inputs = inputs;
        _outputs = new ValueState?[node.Outputs.Count];
        _engine = engine;
        _scope = scope;
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>
    /// The node's name as diagnostics give it: a node inside a subgraph is named by its path from the top-level node,
    /// <c>If_3/then_branch/Loop_0</c>, so the user can find it and the same inner name in two branches stays two lines.
    /// </summary>
    public string DiagnosticName { get; }

    /// <summary>Opset version of the node's domain in this model.</summary>
    public long Opset { get; }

    /// <summary>How dims become numbers for counting.</summary>
    public DimBinding Binding => _engine.Binding;

    /// <summary>Subgraph results produced during inference (If branches, Loop/Scan bodies), by attribute name.</summary>
    public Dictionary<string, InferredGraph> Subgraphs => _subgraphs ??= new(StringComparer.Ordinal);

    private Dictionary<string, InferredGraph>? _subgraphs; // most nodes have none: created on first use

    /// <summary>Number of inputs (including absent optional ones).</summary>
    public int InputCount => _inputs.Length;

    /// <summary>Number of outputs.</summary>
    public int OutputCount => _outputs.Length;

    /// <summary>True when input <paramref name="i"/> is present (non-empty name).</summary>
    public bool HasInput(int i) => i < Node.Inputs.Count && Node.Inputs[i].Length > 0;

    /// <summary>True when output <paramref name="i"/> is requested (non-empty name).</summary>
    public bool HasOutput(int i) => i < Node.Outputs.Count && Node.Outputs[i].Length > 0;

    /// <summary>State of input <paramref name="i"/>, or null when absent or unknown.</summary>
    public ValueState? Input(int i) => i < _inputs.Length ? _inputs[i] : null;

    /// <summary>Type of input <paramref name="i"/>, or null.</summary>
    public TensorType? InputType(int i) => Input(i)?.Type;

    /// <summary>Shape of input <paramref name="i"/>, or null when absent or of unknown rank.</summary>
    public Shape? InputShape(int i) => Input(i)?.Type.Shape;

    /// <summary>Shape of input <paramref name="i"/>; throws <see cref="ShapeException"/> when not known.</summary>
    public Shape RequireShape(int i) => InputShape(i) ?? throw new ShapeException($"shape of input {i} ('{Node.InputAt(i)}') is not known");

    /// <summary>Element type of input <paramref name="i"/> (Undefined when unknown).</summary>
    public DataType InputElementType(int i) => Input(i)?.Type.ElementType ?? DataType.Undefined;

    /// <summary>Known integer values of input <paramref name="i"/>, or null.</summary>
    public long[]? InputValues(int i) => Input(i)?.Values;

    /// <summary>Known integer values of input <paramref name="i"/> as dims (symbolic where a value is a symbolic dim), or null.</summary>
    public Dim[]? InputDimValues(int i) => Input(i)?.DimValues;

    /// <summary>Known float values of a constant input <paramref name="i"/>, or null.</summary>
    public double[]? InputFloatValues(int i) => Input(i)?.FloatValues;

    /// <summary>True when input <paramref name="i"/> is an initializer or Constant output.</summary>
    public bool IsConstantInput(int i) => Input(i)?.IsConstantTensor == true;

    /// <summary>Sets the type (and optionally integer values) of output <paramref name="i"/>.</summary>
    public void SetOutput(int i, TensorType type, long[]? values = null)
    {
        if (i >= _outputs.Length) return;
        _outputs[i] = new ValueState(Node.Outputs[i], type, values, producer: Node.Name);
    }

    /// <summary>
    /// Sets the type of output <paramref name="i"/> with integer values given as dims (symbolic values such as
    /// <c>batch</c> stay symbolic); when every dim is a number this is the same as <see cref="SetOutput"/> with values.
    /// </summary>
    public void SetOutputDims(int i, TensorType type, Dim[]? dimValues)
    {
        if (i >= _outputs.Length) return;
        if (dimValues is { Length: > 0 } && dimValues.All(d => d.IsUnknown)) dimValues = null;
        _outputs[i] = new ValueState(Node.Outputs[i], type, null, null, Node.Name, dimValues);
    }

    /// <summary>Sets output <paramref name="i"/> as a constant tensor (Constant op): a parameter candidate.</summary>
    public void SetConstantOutput(int i, TensorData tensor)
    {
        if (i >= _outputs.Length) return;
        _outputs[i] = new ValueState(Node.Outputs[i], tensor.Type, null, tensor, Node.Name);
    }

    /// <summary>
    /// A fresh symbol for a size that depends on tensor contents (axis <paramref name="axis"/> of output
    /// <paramref name="i"/>), named <c>OUTPUT_dAXIS</c>: it stays symbolic downstream and can be set with <c>--dim</c>.
    /// </summary>
    public Dim DataDependentDim(int i, int axis)
    {
        var output = i < Node.Outputs.Count && Node.Outputs[i].Length > 0 ? Node.Outputs[i] : Node.Name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = output + "_d" + axis.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Binding.AddDataDependent(name);
        return Dim.Symbol(name);
    }

    /// <summary>State of output <paramref name="i"/> after inference, or null.</summary>
    public ValueState? Output(int i) => i < _outputs.Length ? _outputs[i] : null;

    /// <summary>Type of output <paramref name="i"/>, or null.</summary>
    public TensorType? OutputType(int i) => Output(i)?.Type;

    /// <summary>Shape of output <paramref name="i"/>, or null.</summary>
    public Shape? OutputShape(int i) => Output(i)?.Type.Shape;

    /// <summary>Records a diagnostic about this node.</summary>
    public void Report(Severity severity, string message) => _engine.Report(new Diagnostic(severity, DiagnosticName, message));

    /// <summary>Throws a <see cref="ShapeException"/>: the node's outputs stay unknown and a diagnostic is recorded.</summary>
    public static ShapeException Fail(string message) => new(message);

    /// <summary>
    /// What a dim counts as: the number (user dims applied; unset symbols count 1) and its formula in the free symbols.
    /// Costs computed from these keep their formula (docs/counting.md, "Costs as formulas").
    /// </summary>
    public Count Eval(Dim d) => Binding.CountOf(d);

    /// <summary>Element count of a shape for counting (an unknown rank counts as 1).</summary>
    public Count Elements(Shape? shape) => Binding.ElementsCount(shape);

    /// <summary>Element count of input <paramref name="i"/> for counting (0 when absent).</summary>
    public Count InputElements(int i) => Input(i) is { } s ? Binding.ElementsCount(s.Type.Shape) : 0;

    /// <summary>Element count of output <paramref name="i"/> for counting (0 when absent).</summary>
    public Count OutputElements(int i) => Output(i) is { } s ? Binding.ElementsCount(s.Type.Shape) : 0;

    /// <summary>Sum of element counts of all outputs.</summary>
    public Count AllOutputElements() => Count.Sum(Enumerable.Range(0, _outputs.Length).Select(OutputElements));

    /// <summary>
    /// Infers a subgraph whose formal inputs get <paramref name="inputTypes"/> (null = the subgraph's declared type);
    /// values of the enclosing scope are visible inside. The result is kept in <see cref="Subgraphs"/> under <paramref name="key"/>.
    /// </summary>
    public InferredGraph InferSubgraph(string key, Graph graph, IReadOnlyList<TensorType?> inputTypes)
    {
        var scope = new Dictionary<string, ValueState>(_scope, StringComparer.Ordinal);
        foreach (var s in _inputs) if (s is not null) scope[s.Name] = s;
        var result = _engine.InferSubgraph(graph, inputTypes, scope, DiagnosticName + "/" + key + "/");
        Subgraphs[key] = result;
        return result;
    }

    /// <summary>Opset version the model imports for <paramref name="domain"/> (0 when not imported).</summary>
    public long OpsetOf(string domain) => _engine.OpsetOf(domain);
}

namespace ModelMeter.Ops;

/// <summary>
/// Maps (domain, op type) to an <see cref="IOpRule"/>. <see cref="CreateDefault"/> holds every built-in rule;
/// register your own for a custom op with <see cref="Register"/>. Per-opset differences are handled inside rules
/// (<see cref="OpContext.Opset"/>).
/// </summary>
public sealed class OpRegistry
{
    private readonly Dictionary<(string Domain, string OpType), IOpRule> _rules = new();
    private static readonly Lazy<OpRegistry> s_default = new(Build);

    /// <summary>A shared read-only instance of the built-in rules.</summary>
    public static OpRegistry Default => s_default.Value;

    /// <summary>A new registry with every built-in rule, ready for custom registrations.</summary>
    public static OpRegistry CreateDefault()
    {
        var r = new OpRegistry();
        foreach (var kv in Default._rules) r._rules[kv.Key] = kv.Value;
        return r;
    }

    /// <summary>Registers (or replaces) the rule for <paramref name="opType"/> in <paramref name="domain"/>.</summary>
    public OpRegistry Register(string domain, string opType, IOpRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (_frozen)
            throw new InvalidOperationException("OpRegistry.Default is shared; use OpRegistry.CreateDefault() to add rules");
        _rules[(Normalize(domain), opType)] = rule;
        return this;
    }

    /// <summary>The rule for a node's (domain, op type), or null.</summary>
    public IOpRule? Find(string domain, string opType) =>
        _rules.TryGetValue((Normalize(domain), opType), out var r) ? r : null;

    /// <summary>Every registered (domain, op type).</summary>
    public IEnumerable<(string Domain, string OpType)> Keys => _rules.Keys.OrderBy(k => k.Domain, StringComparer.Ordinal).ThenBy(k => k.OpType, StringComparer.Ordinal);

    private bool _frozen;

    private static string Normalize(string domain) => domain is "ai.onnx" ? "" : domain;

    /// <summary>Adds a built-in rule for several op types of one domain (the lines of <see cref="OpTable"/>).</summary>
    internal void Add(string domain, IOpRule rule, params string[] opTypes)
    {
        foreach (var opType in opTypes) _rules[(Normalize(domain), opType)] = rule;
    }

    private static OpRegistry Build()
    {
        var r = new OpRegistry();
        OpTable.AddAll(r);
        r._frozen = true;
        return r;
    }
}

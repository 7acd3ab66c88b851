namespace ModelMeter.Costs;

/// <summary>Severity of a diagnostic.</summary>
public enum Severity
{
    /// <summary>Information (an assumption that was made).</summary>
    Info,
    /// <summary>Something was not counted or inferred.</summary>
    Warning,
    /// <summary>A node could not be analysed.</summary>
    Error,
}

/// <summary>A message about one node (or the model when <see cref="Node"/> is null).</summary>
public sealed record Diagnostic(Severity Severity, string? Node, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {(Node is null ? "" : Node + ": ")}{Message}";
}

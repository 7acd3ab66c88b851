namespace ModelMeter.Shapes;

/// <summary>Thrown by a rule when a node's output type cannot be inferred; becomes a diagnostic, not a failure.</summary>
public sealed class ShapeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ShapeException(string message) : base(message) { }
}

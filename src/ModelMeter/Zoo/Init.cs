namespace ModelMeter.Zoo;

/// <summary>How <see cref="GraphBuilder"/> fills an initializer when the model is built with weights.</summary>
public enum Init
{
    /// <summary>Deterministic pseudo-random values, uniform in ±1/√fan_in (fan_in = elements / first dim).</summary>
    Random,
    /// <summary>All zeros.</summary>
    Zeros,
    /// <summary>All ones.</summary>
    Ones,
    /// <summary>Deterministic pseudo-random values uniform in [0.5, 1.5) (e.g. BatchNormalization variance).</summary>
    Positive,
}

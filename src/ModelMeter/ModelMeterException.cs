namespace ModelMeter;

/// <summary>What kind of failure an error is; the CLI maps it to an exit code.</summary>
public enum ErrorKind
{
    /// <summary>Bad arguments or options (exit code 2).</summary>
    Usage = 2,
    /// <summary>A model (or data) file that cannot be read or is not valid (exit code 3).</summary>
    BadModel = 3,
    /// <summary>An I/O problem writing outputs (exit code 4).</summary>
    Io = 4,
    /// <summary>Runtime execution failed (exit code 5).</summary>
    Runtime = 5,
}

/// <summary>An expected failure with a one-line message that names the file or argument and the problem.</summary>
public sealed class ModelMeterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelMeterException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    /// <summary>The kind of failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Error for a bad model file.</summary>
    public static ModelMeterException BadModel(string path, string problem, Exception? inner = null)
        => new(ErrorKind.BadModel, $"{path}: {problem}", inner);

    /// <summary>Error for a bad argument.</summary>
    public static ModelMeterException Usage(string problem) => new(ErrorKind.Usage, problem);
}

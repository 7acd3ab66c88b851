namespace ModelMeter.Reports.Json;

/// <summary>A model in a multi-model run that could not be analysed: <c>{ "path", "error", "exit_code" }</c>.</summary>
/// <param name="Path">The model argument.</param>
/// <param name="Error">The one-line error.</param>
/// <param name="ExitCode">The exit code this error alone would give (2 usage, 3 bad model).</param>
public sealed record ModelErrorDocument(string Path, string Error, int ExitCode)
{
    /// <summary>With <c>--sweep</c>: the value of the swept dim that failed; omitted otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SweepSection? Sweep { get; init; }
}

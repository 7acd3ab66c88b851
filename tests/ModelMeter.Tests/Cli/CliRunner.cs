using ModelMeter.Cli;
using ModelMeter.Graphs;

namespace ModelMeter.Tests.Cli;

/// <summary>Runs the CLI in-process, capturing stdout and stderr; <c>mem:tiny</c> is an in-memory model, anything else goes to <see cref="ModelSource.Load"/>.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Model Tiny() => new()
    {
        Path = "mem:tiny",
        IrVersion = 8,
        Opsets = new Dictionary<string, long> { [""] = 17 },
        Graph = new Graph
        {
            Name = "tiny",
            Inputs = [new ValueInfo("input", new TensorType(DataType.Float, new Shape([Dim.Symbol("batch"), 3, 8, 8])))],
            Outputs = [new ValueInfo("y", TensorType.Unknown)],
            Nodes = [new Node { Name = "relu <b>|x|</b>", OpType = "Relu", Inputs = ["input"], Outputs = ["y"] }],
        },
    };

    public static Result Run(params string[] args) => RunAt(200, args);

    /// <summary>Runs with tables fitted to <paramref name="width"/> columns (null: a pipe, no limit).</summary>
    public static Result RunAt(int? width, params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var ctx = new CliContext { Out = o, Error = e, Width = width, Loader = s => s == "mem:tiny" ? Tiny() : ModelSource.Load(s) };
        var code = Program.Run(args, ctx);
        return new Result(code, o.ToString(), e.ToString());
    }
}

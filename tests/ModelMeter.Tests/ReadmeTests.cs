using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Ops;
using ModelMeter.Shapes;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>The README's first lines and its custom-op example are kept true by these tests.</summary>
public class ReadmeTests
{
    // Same text as the README's "A custom operator" block (checked line by line below).
    sealed class MyRule : IOpRule
    {
        public void Infer(OpContext ctx) => ctx.SetOutput(0, ctx.InputType(0)!);           // same type as input 0
        public OpCost Cost(OpContext ctx) => OpCost.PerElement(ctx.OutputElements(0), 3);   // 3 FLOPs per element
    }

    private static string Readme() =>
        File.ReadAllText(Path.Combine(Corpus.RepoRoot ?? throw new InvalidOperationException("repository root not found"), "README.md"));

    [Fact]
    public void Readme_starts_with_the_two_commands()
    {
        var lines = Readme().Split('\n');
        Assert.Equal("dotnet run --project src/ModelMeter.Cli -- analyze", lines[0].TrimEnd());
        Assert.Equal("dotnet test ModelMeter.slnx", lines[1].TrimEnd());
    }

    [Fact]
    public void Readme_custom_op_example_is_this_tested_code()
    {
        var readme = Readme();
        var start = readme.IndexOf("sealed class MyRule : IOpRule", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no MyRule example");
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var source = File.ReadAllText(Path.Combine(Corpus.RepoRoot!, "tests", "ModelMeter.Tests", "ReadmeTests.cs"));
        foreach (var line in block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 1))
            Assert.Contains(line, source, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_rule_counts_and_unregistered_op_is_a_diagnostic()
    {
        var node = new Node { Name = "custom", OpType = "MyOp", Domain = "my.domain", Inputs = ["x"], Outputs = ["y"] };
        var model = new Model
        {
            Path = "custom.onnx",
            Opsets = new Dictionary<string, long> { [""] = 17, ["my.domain"] = 1 },
            Graph = new Graph
            {
                Nodes = [node],
                Inputs = [new ValueInfo("x", TensorType.Of(DataType.Float, Shape.Of(2, 5)))],
                Outputs = [new ValueInfo("y", TensorType.Unknown)],
            },
        };
        var registry = OpRegistry.CreateDefault().Register("my.domain", "MyOp", new MyRule());
        var profile = Analyzer.Analyze(model, new ShapeOptions(Registry: registry));
        Assert.Equal(30, profile.Totals.Flops);                       // 2·5 elements × 3
        Assert.Equal(40 + 40, profile.Nodes[0].MemoryAccessBytes);    // reads 10 floats, writes 10 floats
        Assert.Equal(0, profile.Totals.UnknownNodes);

        var without = Analyzer.Analyze(model);
        Assert.Equal(1, without.Totals.UnknownNodes);
        Assert.Equal(0, without.Totals.Flops);
        Assert.Contains(without.Diagnostics, d => d.Message.Contains("1 node of 1 unknown op type not counted", StringComparison.Ordinal));
    }
}

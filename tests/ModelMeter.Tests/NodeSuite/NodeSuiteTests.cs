using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Tests.NodeSuite;

/// <summary>
/// ONNX backend test suites: inferred output shapes vs the expected output tensors. With MODELMETER_WRITE_COVERAGE=1
/// the node-suite test also writes docs/coverage.md.
/// </summary>
public sealed class NodeSuiteTests(ITestOutputHelper output)
{
    private static string SuiteRoot(string name) => Corpus.Path("onnx-node-tests", name);

    [CorpusFact]
    public void NodeSuite_node_passes_98_percent_and_every_op_type_at_least_once()
    {
        var results = SuiteRunner.Discover(SuiteRoot("node")).Select(SuiteRunner.Run).ToList();
        var summary = Summarize(results);
        output.WriteLine(summary.Text);
        if (Environment.GetEnvironmentVariable("MODELMETER_WRITE_COVERAGE") == "1")
            CoverageWriter.Write(results, OtherSuites());
        double rate = results.Count(r => r.Passed) / (double)results.Count;
        Assert.True(rate >= 0.98, $"pass rate {rate:P2} < 98%");
        Assert.Empty(summary.OpsWithoutPass);
    }

    [CorpusFact]
    public void NodeSuite_whole_model_suites_pass()
    {
        foreach (var (name, results) in OtherSuites())
        {
            var s = Summarize(results);
            output.WriteLine($"== {name}");
            output.WriteLine(s.Text);
            Assert.True(results.Count > 0, name + " has no cases");
            Assert.True(results.Count(r => r.Passed) >= results.Count * 0.95, $"{name}: {results.Count(r => r.Passed)}/{results.Count}");
        }
    }

    internal static List<(string Name, List<CaseResult> Results)> OtherSuites() =>
        new[] { "pytorch-converted", "pytorch-operator", "simple", "light" }.Select(n => (n, SuiteRunner.Discover(SuiteRoot(n)).Select(SuiteRunner.Run).ToList())).ToList();

    internal static (string Text, List<string> OpsWithoutPass) Summarize(List<CaseResult> results)
    {
        var sb = new StringBuilder();
        var byOp = results.SelectMany(r => r.OpTypes.Select(o => (Op: o, r.Passed))).GroupBy(x => x.Op).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var g in byOp) sb.AppendLine($"{g.Key,-40} {g.Count(x => x.Passed),4}/{g.Count(),-4}");
        foreach (var r in results.Where(r => !r.Passed)) sb.AppendLine($"FAIL {r.Name}: {r.Reason}");
        sb.AppendLine($"TOTAL {results.Count(r => r.Passed)}/{results.Count}");
        return (sb.ToString(), byOp.Where(g => !g.Any(x => x.Passed)).Select(g => g.Key).ToList());
    }
}

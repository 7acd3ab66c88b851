using ModelMeter.Ops;
using Xunit;

namespace ModelMeter.Tests;

/// <summary>The explicit rule table (no reflection at run time) must list every rule class the library defines.</summary>
public class OpTableTests
{
    [Fact]
    public void EveryRuleClassHasALineInTheTable()
    {
        var registry = OpRegistry.Default;
        var registered = registry.Keys.Select(k => registry.Find(k.Domain, k.OpType)!.GetType()).ToHashSet();
        var defined = typeof(OpRegistry).Assembly.GetTypes()
            .Where(t => typeof(IOpRule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        Assert.NotEmpty(defined);
        Assert.Empty(defined.Where(t => !registered.Contains(t)).Select(t => t.FullName));
    }

    [Theory]
    [InlineData("", "Conv", "Conv")]
    [InlineData("ai.onnx", "Relu", "UnaryRule")]
    [InlineData("com.microsoft", "Gelu", "UnaryRule")]
    [InlineData("com.microsoft", "Attention", "ContribAttentionRule")]
    [InlineData("", "Attention", "AttentionRule")]
    [InlineData("com.microsoft.nchwc", "MaxPool", "Pooling")]
    [InlineData("ai.onnx.ml", "LabelEncoder", "TextAndMlRule")]
    public void DomainAndOpTypePickTheFamilyRule(string domain, string opType, string rule)
        => Assert.Equal(rule, OpRegistry.Default.Find(domain, opType)?.GetType().Name);

    [Fact]
    public void OneInstanceServesEveryOpTypeOfAFamily()
        => Assert.Same(OpRegistry.Default.Find("", "Relu"), OpRegistry.Default.Find("com.microsoft", "Gelu"));
}

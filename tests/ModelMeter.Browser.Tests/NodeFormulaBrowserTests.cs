using Xunit;
using static ModelMeter.Browser.Tests.HtmlReportBrowserTests;

namespace ModelMeter.Browser.Tests;

/// <summary>The node panel shows a node's MACs and FLOPs as formulas of the symbolic dims left free (issue 12), in Debian's chromium.</summary>
public sealed class NodeFormulaBrowserTests
{
    [Fact]
    public async Task Node_panel_shows_the_formula_of_the_free_dims()
    {
        var path = Artifact("formula-bert.html");
        var (code, _, err) = InProcessCli.Run("report", "zoo:bert-base", "--dim", "batch=2", "-o", path);
        Assert.True(code == 0, err);
        await using var session = await BrowserSession.OpenAsync(path);
        var page = session.Page;
        await page.Locator("#node-body td.name", new() { HasTextString = "encoder.layer.0.attention.self.scores" }).ClickAsync(); // centres it in the graph
        await page.Locator("#graph-view [data-node-name='encoder.layer.0.attention.self.scores']").ClickAsync();
        var detail = await page.Locator("#node-detail").TextContentAsync() ?? "";
        // 12 heads × 64 per (query, key) for each of the 2 samples: 1536·sequence²; FLOPs twice that
        Assert.Contains("MACs formula1536*sequence*sequence", detail, StringComparison.Ordinal);
        Assert.Contains("FLOPs formula3072*sequence*sequence", detail, StringComparison.Ordinal);
    }
}

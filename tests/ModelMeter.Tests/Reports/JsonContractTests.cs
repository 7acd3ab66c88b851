using System.Text.Json;
using ModelMeter.Reports.Json;
using Xunit;

namespace ModelMeter.Tests.Reports;

public class JsonContractTests
{
    private static JsonElement Doc(object? extra = null)
    {
        var doc = AnalysisDocument.From(TestProfiles.Small(TestProfiles.HostileName));
        if (extra is not null) doc = doc with { Measurement = extra };
        return JsonDocument.Parse(AnalysisJson.Serialize(doc)).RootElement.Clone();
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Keys_are_exactly_the_v1_contract()
    {
        var root = Doc();
        Assert.Equal(["schema", "model", "inputs", "outputs", "totals", "by_op_type", "nodes", "diagnostics"], Keys(root));
        Assert.Equal("modelmeter/analysis/v1", root.GetProperty("schema").GetString());
        Assert.Equal(["path", "name", "producer", "ir_version", "opset"], Keys(root.GetProperty("model")));
        Assert.Equal(["name", "dtype", "shape"], Keys(root.GetProperty("inputs")[0]));
        Assert.Equal(["name", "dtype", "shape"], Keys(root.GetProperty("outputs")[0]));
        Assert.Equal(["params", "buffers", "macs", "flops", "bytes_read", "bytes_written", "memory_access_bytes", "weight_bytes", "peak_activation_bytes", "nodes", "unknown_nodes", "expressions"],
            Keys(root.GetProperty("totals")));
        Assert.Equal(["op_type", "count", "params", "macs", "flops", "memory_access_bytes"], Keys(root.GetProperty("by_op_type")[0]));
        var node = root.GetProperty("nodes")[0];
        Assert.Equal(["name", "op_type", "domain", "inputs", "outputs", "params", "macs", "flops", "bytes_read", "bytes_written", "weight_bytes", "macs_expression", "flops_expression"], Keys(node));
        Assert.Equal(["name", "dtype", "shape"], Keys(node.GetProperty("inputs")[0]));
        Assert.Equal(["severity", "node", "message"], Keys(root.GetProperty("diagnostics")[0]));
    }

    [Fact]
    public void Values_symbolic_dims_and_unknowns()
    {
        var root = Doc();
        var shape = root.GetProperty("inputs")[0].GetProperty("shape");
        Assert.Equal(JsonValueKind.String, shape[0].ValueKind);
        Assert.Equal("batch", shape[0].GetString());
        Assert.Equal(224, shape[3].GetInt64());
        Assert.Equal(TestProfiles.HostileName, root.GetProperty("nodes")[0].GetProperty("name").GetString());
        Assert.Equal(118_013_952, root.GetProperty("nodes")[0].GetProperty("macs").GetInt64());
        var mystery = root.GetProperty("nodes")[2];
        Assert.Equal(JsonValueKind.Null, mystery.GetProperty("macs").ValueKind);
        Assert.Equal(JsonValueKind.Null, mystery.GetProperty("outputs")[0].GetProperty("shape").ValueKind);
        Assert.Equal(JsonValueKind.Null, mystery.GetProperty("outputs")[0].GetProperty("dtype").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("diagnostics")[0].GetProperty("node").ValueKind);
        Assert.Equal(1, root.GetProperty("totals").GetProperty("unknown_nodes").GetInt32());
    }

    [Fact]
    public void Extra_sections_appear_only_when_set()
    {
        var root = Doc(new System.Text.Json.Nodes.JsonObject { ["wall_ms"] = 1.5 });
        Assert.Equal(1.5, root.GetProperty("measurement").GetProperty("wall_ms").GetDouble());
        Assert.False(root.TryGetProperty("estimates", out _));
        Assert.False(root.TryGetProperty("llm", out _));
    }

    [Fact]
    public void Multi_model_wrapper()
    {
        var docs = new ModelsDocument([AnalysisDocument.From(TestProfiles.Small()), new ModelErrorDocument("bad.onnx", "bad.onnx: truncated", 3)]);
        var root = JsonDocument.Parse(AnalysisJson.Serialize(docs)).RootElement;
        Assert.Equal(["schema", "models"], Keys(root));
        Assert.Equal("modelmeter/analysis/v1", root.GetProperty("models")[0].GetProperty("schema").GetString());
        Assert.Equal(["path", "error", "exit_code"], Keys(root.GetProperty("models")[1]));
    }
}

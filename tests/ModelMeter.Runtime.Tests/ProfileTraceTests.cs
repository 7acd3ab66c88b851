using Xunit;

namespace ModelMeter.Runtime.Tests;

public class ProfileTraceTests
{
    // Hand-written in the shape ONNX Runtime writes (one event per line); node names carry an unescaped quote and backslash,
    // which makes the file invalid JSON. Two runs: the first is warm-up.
    const string Unescaped = """
[
{"cat" : "Session","pid" :1,"tid" :1,"dur" :500,"ts" :10,"ph" : "X","name" :"model_loading_uri","args" : {}},
{"cat" : "Session","pid" :1,"tid" :1,"dur" :100,"ts" :1000,"ph" : "X","name" :"model_run","args" : {}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :40,"ts" :1010,"ph" : "X","name" :"/conv "1"\x_kernel_time","args" : {"op_name" : "FusedConv","provider" : "CPUExecutionProvider"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :0,"ts" :1010,"ph" : "X","name" :"/conv "1"\x_fence_before","args" : {"op_name" : "FusedConv"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :30,"ts" :1060,"ph" : "X","name" :"relu_kernel_time","args" : {"op_name" : "Relu","provider" : "CPUExecutionProvider"}},
{"cat" : "Session","pid" :1,"tid" :1,"dur" :200,"ts" :2000,"ph" : "X","name" :"model_run","args" : {}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :80,"ts" :2020,"ph" : "X","name" :"/conv "1"\x_kernel_time","args" : {"op_name" : "FusedConv","provider" : "CPUExecutionProvider"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :50,"ts" :2110,"ph" : "X","name" :"relu_kernel_time","args" : {"op_name" : "Relu","provider" : "CPUExecutionProvider"}},
{"cat" : "Session","pid" :1,"tid" :1,"dur" :200,"ts" :3000,"ph" : "X","name" :"model_run","args" : {}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :100,"ts" :3000,"ph" : "X","name" :"/conv "1"\x_kernel_time","args" : {"op_name" : "FusedConv","provider" : "CPUExecutionProvider"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :60,"ts" :3130,"ph" : "X","name" :"relu_kernel_time","args" : {"op_name" : "Relu","provider" : "CPUExecutionProvider"}}
]
""";

    [Fact]
    public void Unescaped_names_fall_back_to_the_tolerant_scanner()
    {
        var t = ProfileTrace.Parse(Unescaped);
        Assert.True(t.ParsedTolerantly);
        Assert.Equal(11, t.Events.Count);
        Assert.Equal(3, t.Runs.Count);
        Assert.Contains(t.Events, e => e.IsKernel && e.NodeName == "/conv \"1\"\\x" && e.OpName == "FusedConv");
    }

    [Fact]
    public void Warmup_runs_are_dropped_and_nodes_averaged_over_timed_runs()
    {
        var s = ProfileTrace.Parse(Unescaped).Summarize(skipRuns: 1);
        Assert.Equal(2, s.Runs);
        Assert.Equal(200e-6, s.MeanRunSeconds, 12);
        var conv = s.Nodes[0];
        Assert.Equal("/conv \"1\"\\x", conv.Name);
        Assert.Equal("FusedConv", conv.OpType);
        Assert.Equal("CPUExecutionProvider", conv.Provider);
        Assert.Equal((80 + 100) / 2 * 1e-6, conv.KernelSeconds, 12);
        // Slices: run 2: conv 2020+80-2000 = 100, relu 2160-2100 = 60; run 3: conv 100, relu 3190-3100 = 90.
        Assert.Equal(100e-6, conv.Seconds, 12);
        Assert.Equal("relu", s.Nodes[1].Name);
        Assert.Equal(55e-6, s.Nodes[1].KernelSeconds, 12);
        Assert.Equal(75e-6, s.Nodes[1].Seconds, 12);
        Assert.Equal(175e-6, s.NodeSeconds, 12);
    }

    [Fact]
    public void Valid_json_is_parsed_strictly_with_the_same_result()
    {
        var valid = Unescaped.Replace("/conv \"1\"\\x", "/conv \\\"1\\\"\\\\x");
        var t = ProfileTrace.Parse(valid);
        Assert.False(t.ParsedTolerantly);
        var s = t.Summarize(1);
        Assert.Equal("/conv \"1\"\\x", s.Nodes[0].Name);
        Assert.Equal(175e-6, s.NodeSeconds, 12);
    }

    [Fact]
    public void Object_form_with_traceEvents_is_accepted()
    {
        var t = ProfileTrace.Parse("""{"traceEvents":[{"cat":"Session","name":"model_run","ph":"X","ts":0,"dur":10},{"cat":"Node","name":"a_kernel_time","ph":"X","ts":1,"dur":5,"args":{"op_name":"Add"}}]}""");
        var s = t.Summarize(0);
        Assert.Single(s.Nodes);
        Assert.Equal(6e-6, s.Nodes[0].Seconds, 12);
    }
}

using Xunit;
using static ModelMeter.Tests.Reliability.HostilePb;

namespace ModelMeter.Tests.Reliability;

/// <summary>
/// Hostile and broken models through the whole pipeline: each ends in a BadModel error or a profile with
/// diagnostics, in bounded memory, and never in another exception, a crash or a hang.
/// </summary>
public sealed class HostileInputTests
{
    internal const long MaxAllocated = 512L << 20;
    /// <summary>A hang guard, not a speed limit (speed is measured in bench/, never asserted in a test).</summary>
    internal static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    internal static Outcome Bounded(Func<Outcome> run, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(HangGuard), $"pipeline did not finish within {HangGuard.TotalSeconds} s: a hang");
        var o = task.Result;
        Assert.True(o.Allocated < MaxAllocated, $"allocated {o.Allocated} bytes");
        if (caller is not (nameof(TruncatedAtEveryLength) or nameof(RandomBytes) or "ThousandsOfMutatedRealModelsEndInAResultOrACleanError" or "EveryEdgeCaseModelEndsInAResultOrACleanError"))
            Stats.Append("hostile", $"{caller}: {o.Elapsed.TotalMilliseconds:F1} ms, {o.Allocated / 1048576.0:F2} MiB allocated: {o}");
        return o;
    }

    private static Outcome ErrorOrDiagnostic(byte[] bytes, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        var o = Bounded(() => Pipeline.Run(bytes), caller);
        Assert.True(o.IsBadModel || o.HasDiagnostic, o.ToString());
        return o;
    }

    private static byte[] SmallModel() => Model(Graph("small",
        [Node("Conv", ["x", "w"], ["c"]), Node("Relu", ["c"], ["r"]), Node("GlobalAveragePool", ["r"], ["p"]), Node("Flatten", ["p"], ["y"])],
        [Value("x", Float32, "N", 3, 8, 8)], [Value("y", Float32, "N", 4)],
        [Tensor("w", Float32, [4, 3, 3, 3], new byte[4 * 3 * 3 * 3 * 4])])).ToArray();

    [Fact]
    public void TruncatedAtEveryLength()
    {
        var full = SmallModel();
        Assert.NotNull(Pipeline.Run(full).Profile);
        for (var len = 0; len < full.Length; len++)
        {
            var o = Bounded(() => Pipeline.Run(full[..len]));
            Assert.True(o.IsBadModel || o.Profile is not null, $"length {len}: {o}");
        }
    }

    [Fact]
    public void RandomBytes()
    {
        var rng = new Random(20261124);
        for (var k = 0; k < 2000; k++)
        {
            var b = new byte[rng.Next(0, 2048)];
            rng.NextBytes(b);
            var o = Bounded(() => Pipeline.Run(b));
            Assert.True(o.IsBadModel || o.Profile is not null, $"case {k}: {o}");
        }
    }

    [Fact]
    public void ValidProtobufThatIsNotAModel()
    {
        // A TensorProto, and a message whose graph field (7) is a varint instead of a message.
        var tensor = Tensor("t", Float32, [2, 2], new byte[16]).ToArray();
        var o1 = Bounded(() => Pipeline.Run(tensor));
        Assert.True(o1.IsBadModel || o1.Profile is { Nodes.Count: 0 }, o1.ToString());
        ErrorOrDiagnostic(new Pb().Int(1, 8).Int(7, 12345).ToArray());
        ErrorOrDiagnostic(new Pb().Str(1, "not a model at all").ToArray());
    }

    [Fact]
    public void GraphWithACycle() => ErrorOrDiagnostic(Model(Graph("cycle",
        [Node("Add", ["x", "b"], ["a"]), Node("Relu", ["a"], ["b"])],
        [Value("x", Float32, 2, 2)], [Value("b", Float32, 2, 2)])).ToArray());

    [Fact]
    public void NodeConsumingAValueNobodyProduces() => ErrorOrDiagnostic(Model(Graph("dangling",
        [Node("Add", ["x", "ghost"], ["y"])], [Value("x", Float32, 2, 2)], [Value("y", Float32, 2, 2)])).ToArray());

    [Fact]
    public void TenThousandNestedIfSubgraphs()
    {
        var bytes = NestedIf.Build(10_000);
        Assert.NotNull(Pipeline.Run(NestedIf.Build(3)).Profile);
        ErrorOrDiagnostic(bytes);
    }

    [Fact]
    public void DimsOfTwoToThe62() => ErrorOrDiagnostic(Model(Graph("huge",
        [Node("Add", ["x", "x"], ["y"]), Node("MatMul", ["y", "y"], ["z"])],
        [Value("x", Float32, 1L << 62, 1L << 62)], [Value("z", Float32, 1L << 62, 1L << 62)])).ToArray());

    [Fact]
    public void NegativeDims() => ErrorOrDiagnostic(Model(Graph("negative",
        [Node("Relu", ["x"], ["y"])], [Value("x", Float32, -5, 3)], [Value("y", Float32, -5, 3)],
        [Tensor("w", Float32, [-1, 4])])).ToArray());

    [Fact]
    public void FourGigabyteTensorDeclaredWithoutData()
    {
        var o = Bounded(() => Pipeline.Run(Model(Graph("big",
            [Node("Add", ["x", "w"], ["y"])], [Value("x", Float32, 1L << 30)], [Value("y", Float32, 1L << 30)],
            [Tensor("w", Float32, [1L << 30])])).ToArray()));
        Assert.True(o.IsBadModel || o.Profile is not null, o.ToString());
        Assert.True(o.Allocated < 64L << 20, $"allocated {o.Allocated} bytes for a tensor with no data");
    }

    [Fact]
    public void ReshapeWhoseTargetIsComputedFromData() => ErrorOrDiagnostic(Model(Graph("datadep",
        [Node("Cast", ["d"], ["s"], null, new Pb().Str(1, "to").Int(3, TInt64).Int(20, 2)), Node("Reshape", ["x", "s"], ["y"])],
        [Value("x", Float32, 2, 3, 4), Value("d", Float32, 3)], [Value("y", Float32)])).ToArray());

    [Fact]
    public void ZeroSizeTensors()
    {
        var o = Bounded(() => Pipeline.Run(Model(Graph("zero",
            [Node("Add", ["x", "w"], ["a"]), Node("Relu", ["a"], ["y"])], [Value("x", Float32, 0, 3)], [Value("y", Float32, 0, 3)],
            [Tensor("w", Float32, [0, 3], [])])).ToArray()));
        Assert.True(o.IsBadModel || o.Profile is not null, o.ToString());
        if (o.Profile is { } p) Assert.Equal(0, p.Totals.Flops);
    }

    [Fact]
    public void ExternalDataPathEscapingTheModelFolderIsNeverOpened()
    {
        var root = Directory.CreateTempSubdirectory("mm-escape-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "a", "b"));
            // The "secret" holds a valid int64 shape [2, 12]; if the reader followed the path, Reshape would use it.
            var secret = Path.Combine(root.FullName, "secret.bin");
            File.WriteAllBytes(secret, [.. BitConverter.GetBytes(2L), .. BitConverter.GetBytes(12L)]);
            var before = File.GetLastAccessTimeUtc(secret);
            var shape = Tensor("shape", TInt64, [2])
                .Msg(13, new Pb().Str(1, "location").Str(2, "../../secret.bin"))
                .Int(14, 1);
            var model = Model(Graph("escape", [Node("Reshape", ["x", "shape"], ["y"])],
                [Value("x", Float32, 2, 3, 4)], [Value("y", Float32)], [shape])).ToArray();
            var path = Path.Combine(folder.FullName, "model.onnx");
            File.WriteAllBytes(path, model);
            var o = Bounded(() => Pipeline.RunFile(path));
            Assert.True(o.IsBadModel || o.HasDiagnostic, o.ToString());
            if (o.Profile is { } p)
                Assert.DoesNotContain(p.Nodes, n => n.Outputs.Count > 0 && n.Outputs[0].Shape?.ToString() == Graphs.Shape.Of(2, 12).ToString());
            Assert.Equal(before, File.GetLastAccessTimeUtc(secret));
        }
        finally
        {
            root.Delete(true);
        }
    }
}

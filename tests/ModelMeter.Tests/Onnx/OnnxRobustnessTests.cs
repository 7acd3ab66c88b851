using ModelMeter.Graphs;
using ModelMeter.Onnx;
using Xunit;

namespace ModelMeter.Tests.Onnx;

public sealed class OnnxRobustnessTests
{
    private static void ReadsOrRefuses(byte[] bytes, string name)
    {
        try
        {
            var m = OnnxReader.Read(bytes, name);
            Assert.NotNull(m.Graph);
        }
        catch (ModelMeterException ex)
        {
            Assert.Equal(ErrorKind.BadModel, ex.Kind);
            Assert.StartsWith(name + ": ", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void Every_truncation_of_a_written_model_reads_or_is_a_bad_model()
    {
        var bytes = TestModels.Bytes(TestModels.Small());
        int bad = 0;
        for (int n = 0; n < bytes.Length; n++)
        {
            try { OnnxReader.Read(bytes[..n], "cut.onnx"); }
            catch (ModelMeterException ex) when (ex.Kind == ErrorKind.BadModel) { bad++; }
        }
        Assert.True(bad > bytes.Length / 2);
    }

    [Fact]
    public void Every_truncation_of_a_model_file_on_disk_reads_or_is_a_bad_model()
    {
        using var dir = new TempDir();
        var bytes = TestModels.Bytes(TestModels.Small());
        var path = dir.File("cut.onnx");
        for (int n = 0; n < bytes.Length; n += 7)
        {
            File.WriteAllBytes(path, bytes[..n]);
            try { OnnxReader.Read(path); }
            catch (ModelMeterException ex)
            {
                Assert.Equal(ErrorKind.BadModel, ex.Kind);
                Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Random_bytes_and_random_mutations_read_or_are_bad_models()
    {
        var rng = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            var b = new byte[rng.Next(0, 300)];
            rng.NextBytes(b);
            ReadsOrRefuses(b, "random.onnx");
        }
        var model = TestModels.Bytes(TestModels.Small());
        for (int i = 0; i < 2000; i++)
        {
            var b = (byte[])model.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) b[rng.Next(b.Length)] = (byte)rng.Next(256);
            ReadsOrRefuses(b, "mutated.onnx");
        }
    }

    /// <summary>A model of <paramref name="depth"/> If nodes each holding the next in then_branch, built back to front.</summary>
    internal static byte[] NestedIfs(int depth)
    {
        var rev = new List<byte>();
        void Prepend(params byte[] x) { for (int i = x.Length - 1; i >= 0; i--) rev.Add(x[i]); }
        byte[] Varint(long v) { var l = new List<byte>(); do { byte b = (byte)(v & 0x7F); v >>= 7; l.Add(v != 0 ? (byte)(b | 0x80) : b); } while (v != 0); return [.. l]; }
        void Field(int field, int wt, byte[] payload) { Prepend(payload); Prepend(Varint(field << 3 | wt)); }
        void Wrap(int field) { Prepend(Varint(rev.Count)); Prepend(Varint(field << 3 | 2)); }
        void Str(int field, string s) { var b = System.Text.Encoding.UTF8.GetBytes(s); Prepend(b); Prepend(Varint(b.Length)); Prepend(Varint(field << 3 | 2)); }
        // innermost graph: one Relu node
        Str(4, "Relu");
        Wrap(1);
        for (int i = 0; i < depth; i++)
        {
            Wrap(6); // attribute.g
            Field(20, 0, Varint(5));
            Str(1, "then_branch");
            Wrap(5); // node.attribute
            Str(4, "If");
            Wrap(1); // graph.node
        }
        Wrap(7); // model.graph
        Field(1, 0, Varint(8));
        rev.Reverse();
        return [.. rev];
    }

    [Fact]
    public void Deep_nesting_is_refused_cleanly_and_moderate_nesting_reads()
    {
        var ex = OnnxReaderTests.AssertBad(() => OnnxReader.Read(NestedIfs(10_000), "deep.onnx"), "nested deeper than 2000");
        Assert.Equal(ErrorKind.BadModel, ex.Kind);

        var m = OnnxReader.Read(NestedIfs(1_500), "ok.onnx");
        int depth = 0;
        for (var g = m.Graph; g.Nodes[0].OpType == "If"; g = g.Nodes[0].Subgraphs.Single()) depth++;
        Assert.Equal(1_500, depth);

        // with a raised limit, 10,000 levels read on a big-stack thread instead of overflowing
        var deep = OnnxReader.Read(NestedIfs(10_000), "deep.onnx", new OnnxReadOptions { MaxSubgraphDepth = 20_000 });
        Assert.Equal("If", deep.Graph.Nodes[0].OpType);
    }

    private static byte[] ExternalModel(string location)
    {
        var graph = new Graph
        {
            Initializers = new Dictionary<string, TensorData>
            {
                ["w"] = new() { Name = "w", DataType = DataType.UInt8, Dims = [16], IsExternal = true, ExternalLocation = location, Encoding = TensorEncoding.Raw, Length = 16 },
            },
        };
        return TestModels.Bytes(new Model { IrVersion = 8, Graph = graph });
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../outside.bin")]
    [InlineData("../outside.bin")]
    public void External_data_outside_the_model_folder_is_never_opened(string location)
    {
        using var dir = new TempDir();
        var modelDir = Path.Combine(dir.Path, "model");
        Directory.CreateDirectory(Path.Combine(modelDir, "sub"));
        File.WriteAllBytes(dir.File("outside.bin"), new byte[64]);
        var path = Path.Combine(modelDir, "m.onnx");
        File.WriteAllBytes(path, ExternalModel(location));
        var m = OnnxReader.Read(path);
        var w = m.Graph.Initializers["w"];
        Assert.Null(w.Source);
        Assert.False(w.HasPayload);
        Assert.Contains(m.ReadWarnings, x => x.Contains("outside the model's folder", StringComparison.Ordinal));
    }

    [Fact]
    public void External_data_through_a_symlink_out_of_the_folder_is_not_opened()
    {
        using var dir = new TempDir();
        var modelDir = Path.Combine(dir.Path, "model");
        Directory.CreateDirectory(modelDir);
        File.WriteAllBytes(dir.File("secret.bin"), new byte[64]);
        File.CreateSymbolicLink(Path.Combine(modelDir, "w.bin"), dir.File("secret.bin"));
        Directory.CreateSymbolicLink(Path.Combine(modelDir, "up"), dir.Path);
        foreach (var location in new[] { "w.bin", "up/secret.bin" })
        {
            var path = Path.Combine(modelDir, "m.onnx");
            File.WriteAllBytes(path, ExternalModel(location));
            var m = OnnxReader.Read(path);
            Assert.Null(m.Graph.Initializers["w"].Source);
            Assert.Contains(m.ReadWarnings, x => x.Contains("outside the model's folder", StringComparison.Ordinal));
        }
        // a link that stays inside is fine
        File.WriteAllBytes(Path.Combine(modelDir, "real.bin"), new byte[16]);
        File.CreateSymbolicLink(Path.Combine(modelDir, "inside.bin"), Path.Combine(modelDir, "real.bin"));
        File.WriteAllBytes(Path.Combine(modelDir, "m.onnx"), ExternalModel("inside.bin"));
        var ok = OnnxReader.Read(Path.Combine(modelDir, "m.onnx"));
        Assert.Empty(ok.ReadWarnings);
        Assert.Equal(new byte[16], ok.Graph.Initializers["w"].ReadPayload());
    }

    [Fact]
    public void External_data_beyond_the_end_of_its_file_is_a_warning()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("short.bin"), new byte[4]);
        File.WriteAllBytes(dir.File("m.onnx"), ExternalModel("short.bin"));
        var m = OnnxReader.Read(dir.File("m.onnx"));
        Assert.False(m.Graph.Initializers["w"].HasPayload);
        Assert.Contains(m.ReadWarnings, x => x.Contains("beyond the end", StringComparison.Ordinal));
    }
}

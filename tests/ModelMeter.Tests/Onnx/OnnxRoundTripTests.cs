using ModelMeter.Graphs;
using ModelMeter.Onnx;
using Xunit;

namespace ModelMeter.Tests.Onnx;

public sealed class OnnxRoundTripTests
{
    [Fact]
    public void Small_model_round_trips_through_memory()
    {
        var model = TestModels.Small();
        var back = OnnxReader.Read(TestModels.Bytes(model), "small.onnx");
        ModelAssert.Equal(model, back);
        Assert.Empty(back.ReadWarnings);
    }

    [Fact]
    public void Round_trip_through_a_file_reads_payloads_from_the_file_on_demand()
    {
        using var dir = new TempDir();
        var path = dir.File("m.onnx");
        var model = TestModels.Small();
        OnnxWriter.Write(model, path);
        var back = OnnxReader.Read(path);
        ModelAssert.Equal(model, back);
        var w = back.Graph.Initializers["w"];
        Assert.Equal(TensorEncoding.Raw, w.Encoding);
        Assert.Null(w.InlineBytes);
        Assert.Equal(path, w.Source!.Description);
        Assert.Equal(4 * 27 * 4, w.Length);

        // writing the read model again (payloads streamed from the file it was read from) is byte-identical
        var again = dir.File("again.onnx");
        OnnxWriter.Write(back, again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        // and overwriting the source file itself works
        OnnxWriter.Write(back, path);
        Assert.Equal(File.ReadAllBytes(again), File.ReadAllBytes(path));
    }

    [Fact]
    public void External_tensors_stay_external_and_missing_files_give_one_warning()
    {
        using var dir = new TempDir();
        var graph = new Graph
        {
            Nodes = [new Node { Name = "mm", OpType = "MatMul", Inputs = ["x", "w1"], Outputs = ["h"] }, new Node { Name = "mm2", OpType = "MatMul", Inputs = ["h", "w2"], Outputs = ["y"] }],
            Inputs = [new ValueInfo("x", TensorType.Of(DataType.Float, 1, 8))],
            Outputs = [new ValueInfo("y", TensorType.Of(DataType.Float, 1, 8))],
            Initializers = new Dictionary<string, TensorData>
            {
                ["w1"] = new() { Name = "w1", DataType = DataType.Float, Dims = [8, 8], IsExternal = true, ExternalLocation = "weights.bin", Encoding = TensorEncoding.Raw, Length = 256 },
                ["w2"] = new() { Name = "w2", DataType = DataType.Float, Dims = [8, 8], IsExternal = true, ExternalLocation = "weights.bin", Encoding = TensorEncoding.Raw, Offset = 256, Length = 256 },
            },
        };
        var model = new Model { IrVersion = 8, Opsets = new Dictionary<string, long> { [""] = 17 }, Graph = graph };
        var path = dir.File("ext.onnx");
        OnnxWriter.Write(model, path);

        var missing = OnnxReader.Read(path);
        var warning = Assert.Single(missing.ReadWarnings);
        Assert.Contains("'weights.bin' not found", warning, StringComparison.Ordinal);
        Assert.False(missing.Graph.Initializers["w1"].HasPayload);
        Assert.Equal(256, missing.Graph.Initializers["w2"].Offset);

        var data = new byte[512];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)i;
        File.WriteAllBytes(dir.File("weights.bin"), data);
        var present = OnnxReader.Read(path);
        Assert.Empty(present.ReadWarnings);
        var w2 = present.Graph.Initializers["w2"];
        Assert.True(w2.IsExternal);
        Assert.Equal(data[256..], w2.ReadPayload());

        // embedding copies the bytes inline; filling writes zeros where the file is missing
        OnnxWriter.Write(present, dir.File("embedded.onnx"), new OnnxWriteOptions { EmbedExternalData = true });
        var embedded = OnnxReader.Read(dir.File("embedded.onnx"));
        Assert.False(embedded.Graph.Initializers["w2"].IsExternal);
        Assert.Equal(data[256..], embedded.Graph.Initializers["w2"].ReadPayload());
        OnnxWriter.Write(missing, dir.File("filled.onnx"), new OnnxWriteOptions { FillMissingWeights = true });
        var filled = OnnxReader.Read(dir.File("filled.onnx"));
        Assert.Empty(filled.ReadWarnings);
        Assert.All(filled.Graph.Initializers["w1"].TryReadDoubles()!, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Declared_only_tensors_are_written_without_data_unless_filling_is_asked()
    {
        var model = TestModels.Small();
        var plain = OnnxReader.Read(TestModels.Bytes(model), "m.onnx");
        Assert.False(plain.Graph.Initializers["declared"].HasPayload);
        using var ms = new MemoryStream();
        OnnxWriter.Write(model, ms, new OnnxWriteOptions { FillMissingWeights = true });
        var filled = OnnxReader.Read(ms.ToArray(), "m.onnx");
        var t = filled.Graph.Initializers["declared"];
        Assert.Equal(4_000_000, t.Length);
        Assert.All(t.ReadPayload(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Defaults_for_models_without_ir_version_or_opsets()
    {
        var model = new Model { Graph = new Graph { Nodes = [new Node { Name = "n", OpType = "Relu", Inputs = ["x"], Outputs = ["y"] }] } };
        var back = OnnxReader.Read(TestModels.Bytes(model), "d.onnx");
        Assert.Equal(8, back.IrVersion);
        Assert.Equal(17, back.DefaultOpset);
    }

    [Fact]
    public void Decoded_values_are_encoded_in_their_element_type()
    {
        var types = new[] { DataType.Float, DataType.Double, DataType.Float16, DataType.BFloat16, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16, DataType.Int32, DataType.UInt32, DataType.Int64, DataType.UInt64, DataType.Bool };
        var inits = types.ToDictionary(t => t.ToString(), t => new TensorData
        {
            Name = t.ToString(), DataType = t, Dims = [3], Encoding = TensorEncoding.Decoded, InlineValues = t == DataType.Bool ? [1, 0, 1] : [1, 2, 100],
        });
        var model = new Model { IrVersion = 8, Opsets = new Dictionary<string, long> { [""] = 17 }, Graph = new Graph { Initializers = inits } };
        var back = OnnxReader.Read(TestModels.Bytes(model), "types.onnx");
        foreach (var (name, t) in inits)
        {
            var read = back.Graph.Initializers[name];
            Assert.Equal(t.ByteSize, read.Length);
            Assert.Equal(t.InlineValues, read.TryReadDoubles());
        }
    }
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mm-tests-" + Guid.NewGuid().ToString("N")));

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

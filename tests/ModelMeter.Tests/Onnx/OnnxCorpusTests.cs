using ModelMeter.Graphs;
using ModelMeter.Onnx;
using Xunit;

namespace ModelMeter.Tests.Onnx;

public sealed class OnnxCorpusTests
{
    private static int CountNodes(Graph g) => g.Nodes.Count + g.Nodes.Sum(n => n.Subgraphs.Sum(CountNodes));

    [CorpusFact]
    public void Every_model_in_the_models_folder_reads()
    {
        var files = Directory.GetFiles(Corpus.Require("models"), "*.onnx");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var m = OnnxReader.Read(file);
            Assert.NotEmpty(m.Graph.Nodes);
            bool graphOnly = file.EndsWith(".graph-only.onnx", StringComparison.Ordinal);
            var external = m.Graph.Initializers.Values.Where(t => t.IsExternal).ToList();
            if (graphOnly)
            {
                Assert.NotEmpty(external);
                Assert.All(external, t => Assert.False(t.HasPayload));
                var warning = Assert.Single(m.ReadWarnings);
                Assert.Contains("not found: analysing from dims alone", warning, StringComparison.Ordinal);
            }
            else
            {
                Assert.Empty(m.ReadWarnings);
                Assert.All(m.Graph.Initializers.Values, t => Assert.True(t.HasPayload, file + ": " + t.Name));
            }
        }
    }

    [CorpusFact]
    public void Resnet50_graph_only_has_its_input_shape_and_53_convs()
    {
        var m = OnnxReader.Read(Corpus.Require("models", "resnet50.bn.graph-only.onnx"));
        var input = Assert.Single(m.Graph.RealInputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(DataType.Float, input.Type.ElementType);
        Assert.Equal(new Shape([Dim.Symbol("batch"), 3, 224, 224]), input.Type.Shape);
        Assert.Equal(53, m.Graph.Nodes.Count(n => n.OpType == "Conv"));
        Assert.Equal(53, m.Graph.Nodes.Count(n => n.OpType == "BatchNormalization"));
        Assert.Equal(1, m.Graph.Nodes.Count(n => n.OpType == "Gemm"));
        Assert.Equal("logits", Assert.Single(m.Graph.Outputs).Name);
        Assert.Equal(13, m.DefaultOpset);
        Assert.Equal(m.Graph.Nodes.Count, m.Graph.Nodes.Select(n => n.Name).Distinct().Count());
    }

    [CorpusFact]
    public void Full_models_have_readable_weights_with_the_published_parameter_count()
    {
        var m = OnnxReader.Read(Corpus.Require("models", "squeezenet1_1.fused.onnx"));
        long parameters = m.Graph.Initializers.Values.Where(t => t.DataType == DataType.Float).Sum(t => t.ElementCount);
        Assert.Equal(1_235_496, parameters);
        var w = m.Graph.Initializers.Values.First(t => t.Dims.Length == 4);
        Assert.Equal(w.ByteSize, w.Length);
        Assert.Equal(w.ByteSize, w.ReadPayload().Length);
    }

    [CorpusFact]
    public void Every_onnx_file_in_the_corpus_matches_its_index()
    {
        int checkedRows = 0;
        var indexes = Directory.GetFiles(Corpus.Require("onnx-node-tests"), "INDEX_*.tsv").Select(f => (f, Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileNameWithoutExtension(f)["INDEX_".Length..])))
            .Append((Corpus.Require("models", "real", "INDEX.tsv"), Corpus.Require("models", "real")));
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, folder) in indexes)
        {
            var lines = File.ReadAllLines(index);
            var header = lines[0].Split('\t');
            int Col(string name) => Array.IndexOf(header, name);
            foreach (var line in lines.Skip(1))
            {
                var c = line.Split('\t');
                var path = Path.GetFullPath(Path.Combine(folder, c[0]));
                indexed.Add(path);
                var m = OnnxReader.Read(path);
                Assert.True(long.Parse(c[Col("ir_version")]) == m.IrVersion, path);
                Assert.True(int.Parse(c[Col("nodes_top")]) == m.Graph.Nodes.Count, $"{path}: nodes_top");
                Assert.True(int.Parse(c[Col("nodes_incl_subgraphs")]) == CountNodes(m.Graph), $"{path}: nodes_incl_subgraphs");
                Assert.True(int.Parse(c[Col("n_initializers")]) == m.Graph.Initializers.Count, $"{path}: n_initializers");
                Assert.True(int.Parse(c[Col("n_functions")]) == m.Functions.Count, $"{path}: n_functions");
                checkedRows++;
            }
        }
        Assert.True(checkedRows > 1900);
        // and every other .onnx file reads too (edge cases, other importers' tests)
        foreach (var file in Directory.EnumerateFiles(Corpus.Root!, "*.onnx", SearchOption.AllDirectories))
        {
            if (indexed.Contains(Path.GetFullPath(file))) continue;
            var m = OnnxReader.Read(file);
            Assert.NotNull(m.Graph);
        }
    }

    [CorpusFact]
    public void Burn_external_data_fixtures_resolve_their_bin_files()
    {
        var m = OnnxReader.Read(Corpus.Require("onnx-edge-cases", "burn-onnx-ir-fixtures", "external_data_offset.onnx"));
        Assert.Empty(m.ReadWarnings);
        var external = m.Graph.Initializers.Values.Where(t => t.IsExternal).ToList();
        Assert.NotEmpty(external);
        Assert.All(external, t => Assert.Equal(t.ByteSize, t.ReadPayload().Length));
    }

    [CorpusFact]
    public void Every_truncation_of_a_real_model_reads_or_is_a_bad_model()
    {
        var bytes = File.ReadAllBytes(Corpus.Require("models", "real", "burn__sine.onnx"));
        for (int n = 0; n < bytes.Length; n++)
        {
            try { OnnxReader.Read(bytes[..n], "sine.onnx"); }
            catch (ModelMeterException ex) { Assert.Equal(ErrorKind.BadModel, ex.Kind); }
        }
    }

    [CorpusFact]
    public void Real_models_round_trip_through_the_writer()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Corpus.Require("models", "real"), "*.onnx"))
        {
            var m = OnnxReader.Read(file);
            var copy = dir.File(Path.GetFileName(file));
            OnnxWriter.Write(m, copy);
            ModelAssert.Equal(m, OnnxReader.Read(copy));
        }
    }
}

using Microsoft.ML.OnnxRuntime;
using ModelMeter.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace ModelMeter.Runtime.Tests;

/// <summary>
/// The shape oracle over whole folders of small operator models (burn's 371 ONNX importer tests, which ship no expected
/// outputs, and the ONNX backend's PyTorch-converted models): every value we infer as fully known has ONNX Runtime's shape.
/// A model ONNX Runtime itself cannot load or run (or that needs inputs it cannot take) is listed, not failed.
/// </summary>
public class ShapeOracleSweepTests(ITestOutputHelper output)
{
    /// <summary>Sweeps one corpus folder.</summary>
    [CorpusTheory]
    [InlineData("onnx-edge-cases/burn-onnx-tests")]
    [InlineData("onnx-node-tests/pytorch-converted")]
    [InlineData("onnx-node-tests/pytorch-operator")]
    [InlineData("onnx-node-tests/simple")]
    public void Every_model_of_the_folder_matches_onnx_runtime(string folder)
    {
        var files = Directory.EnumerateFiles(Corpus.Path(folder.Split('/')), "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        int models = 0, values = 0, checkedValues = 0, unknown = 0;
        var notRun = new List<string>();
        var bad = new List<string>();
        var unknownValues = new List<string>();
        foreach (var f in files)
        {
            var name = Path.GetRelativePath(Corpus.Path(folder.Split('/')), f);
            OracleReport r;
            try { r = ShapeOracle.Check(OnnxReader.Read(f)); }
            catch (OnnxRuntimeException e) { notRun.Add($"{name}: {e.Message.Split('\n')[0]}{(LoadsAsIs(f) ? " (the file as it is loads)" : "")}"); continue; }
            catch (ModelMeterException e) { notRun.Add($"{name}: {e.Message}"); continue; }
            models++; values += r.Values; checkedValues += r.Checked; unknown += r.Unknown;
            bad.AddRange(r.Mismatches.Select(m => $"{name}: {m}"));
            unknownValues.AddRange(r.UnknownValues.Select(m => $"{name}: {m}"));
        }
        output.WriteLine($"{folder}: {files.Count} files, {models} run, {values} values, {checkedValues} checked, {unknown} unknown, {bad.Count} mismatched");
        foreach (var b in bad) output.WriteLine("  MISMATCH " + b);
        foreach (var u in unknownValues) output.WriteLine("  unknown " + u);
        foreach (var n in notRun) output.WriteLine("  not run: " + n);
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    /// <summary>True when ONNX Runtime loads the unmodified file (so a failure to load is the oracle's, not the model's).</summary>
    static bool LoadsAsIs(string file)
    {
        try
        {
            using var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            using var s = new InferenceSession(file, so);
            return true;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
    }
}

using ModelMeter.Graphs;

namespace ModelMeter.Internals;

/// <summary>
/// TEMPORARY shim until branches <c>reader</c> (ModelMeter.Onnx.OnnxReader.Read) and <c>opscore</c>
/// (ModelMeter.Zoo.ModelZoo.Build) are merged; <see cref="ModelSource"/> then calls them and this file is deleted.
/// </summary>
internal static class PendingLoaders
{
    public static Model ReadOnnx(string path) =>
        throw ModelMeterException.BadModel(path, "cannot read ONNX files in this build (the ONNX reader is not merged yet)");

    public static Model Zoo(string name) =>
        throw ModelMeterException.Usage($"zoo:{name}: unknown built-in model (the model zoo is not merged yet)");
}

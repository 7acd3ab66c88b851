using ModelMeter.Graphs;
using ModelMeter.Onnx;
using ModelMeter.Zoo;

namespace ModelMeter;

/// <summary>
/// Resolves a model argument: a path to an ONNX file, or <c>zoo:NAME</c> for a built-in architecture.
/// Failures are <see cref="ModelMeterException"/>s naming the argument (missing/unreadable file → bad model).
/// </summary>
public static class ModelSource
{
    /// <summary>The model analysed when none is given.</summary>
    public const string DefaultSpec = "zoo:resnet50";

    /// <summary>The prefix of built-in models.</summary>
    public const string ZooPrefix = "zoo:";

    /// <summary>Loads the model named by <paramref name="spec"/>.</summary>
    public static Model Load(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw ModelMeterException.Usage("model: an empty model argument was given");
        return spec.StartsWith(ZooPrefix, StringComparison.Ordinal) ? ModelZoo.Build(spec) : OnnxReader.Read(spec);
    }

    /// <summary>
    /// Expands model arguments: a directory becomes its <c>*.onnx</c> files (sorted by name, ordinal); anything
    /// else is kept as given (a missing path is reported when it is loaded).
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = new List<string>();
        foreach (var s in specs)
        {
            if (!s.StartsWith(ZooPrefix, StringComparison.Ordinal) && Directory.Exists(s))
            {
                var files = Directory.GetFiles(s, "*.onnx").Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw ModelMeterException.Usage($"{s}: directory holds no .onnx files");
                list.AddRange(files);
            }
            else list.Add(s);
        }
        return list;
    }
}

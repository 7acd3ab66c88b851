using ModelMeter;
using ModelMeter.Onnx;
using SharpFuzz;

// AFL++ harness over the whole analysis pipeline: read (OnnxReader) → shape inference → costs (Analyzer).
// A clean ModelMeterException is an expected ending; any other exception is a crash for AFL to report.
// Without AFL (no __AFL_SHM_ID), pass files or folders to replay inputs once: dotnet run -- corpus/
if (Environment.GetEnvironmentVariable("__AFL_SHM_ID") is null && args.Length > 0)
{
    foreach (var arg in args)
        foreach (var file in Directory.Exists(arg) ? Directory.GetFiles(arg) : [arg])
        {
            Console.Write(file + ": ");
            Console.WriteLine(Run(File.ReadAllBytes(file)));
        }
    return;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    Run(ms.ToArray());
});

static string Run(byte[] bytes)
{
    try
    {
        var profile = Analyzer.Analyze(OnnxReader.Read(bytes, "fuzz.onnx"));
        return $"{profile.Nodes.Count} nodes, {profile.Diagnostics.Count} diagnostics";
    }
    catch (ModelMeterException ex)
    {
        return $"clean error ({ex.Kind}): {ex.Message}";
    }
}

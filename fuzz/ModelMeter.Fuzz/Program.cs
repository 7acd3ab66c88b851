using ModelMeter;
using ModelMeter.Checkpoints;
using ModelMeter.Llm;
using ModelMeter.Onnx;
using SharpFuzz;

// AFL++ harness over the whole analysis pipeline: read (OnnxReader) → shape inference → costs (Analyzer).
// MODELMETER_FUZZ_TARGET=gguf or safetensors fuzzes the checkpoint header readers instead (GGUF: header → LLM config →
// stored weights). A clean ModelMeterException is an expected ending; any other exception is a crash for AFL to report.
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
        switch (Environment.GetEnvironmentVariable("MODELMETER_FUZZ_TARGET"))
        {
            case "gguf":
                var g = GgufReader.Read(new MemoryStream(bytes), "fuzz.gguf");
                var ck = new Checkpoint { Format = "gguf", Path = "fuzz.gguf", Files = ["fuzz.gguf"], Tensors = g.Tensors, Gguf = g };
                var config = LlmCheckpoint.FromCheckpoint(ck);
                return $"{g.Tensors.Count} tensors, {LlmParamCount.Of(config).Total} params";
            case "safetensors":
                return $"{SafetensorsReader.Read(new MemoryStream(bytes), "fuzz.safetensors").Tensors.Count} tensors";
        }
        var profile = Analyzer.Analyze(OnnxReader.Read(bytes, "fuzz.onnx"));
        return $"{profile.Nodes.Count} nodes, {profile.Diagnostics.Count} diagnostics";
    }
    catch (ModelMeterException ex)
    {
        return $"clean error ({ex.Kind}): {ex.Message}";
    }
}

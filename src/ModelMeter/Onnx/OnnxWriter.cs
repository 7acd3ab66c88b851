using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>
/// Writes a <see cref="Model"/> as an ONNX file (a ModelProto) that <see cref="OnnxReader"/> reads back to the same
/// structure and ONNX Runtime can load. Payloads come from <see cref="TensorData.InlineBytes"/>,
/// <see cref="TensorData.InlineValues"/> (written as raw_data of the element type) or are streamed from the tensor's
/// source; external tensors stay external references. A model without an IR version or opset imports gets
/// defaults that ONNX Runtime accepts (opset 17 and the IR version that goes with the opset).
/// </summary>
public static class OnnxWriter
{
    /// <summary>Writes the model to <paramref name="output"/> (left open).</summary>
    /// <exception cref="NotSupportedException">A tensor holds decoded values of a type that cannot be encoded (string, fp8, complex).</exception>
    public static void Write(Model model, Stream output, OnnxWriteOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var sink = new StreamSink(output);
        new ModelProtoWriter(options).WriteModel(sink, model);
        sink.Flush();
        output.Flush();
    }

    /// <summary>
    /// Writes the model to a file (through a temporary file in the same folder, so a model can be rewritten over the
    /// file its payloads are read from).
    /// </summary>
    /// <exception cref="ModelMeterException">The file cannot be written (kind <see cref="ErrorKind.Io"/>).</exception>
    public static void Write(Model model, string path, OnnxWriteOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            Internals.TempFileWriter.Write(path, stream => Write(model, stream, options), createFolder: true, flushToDisk: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelMeterException(ErrorKind.Io, $"{path}: cannot write: {ex.Message}", ex);
        }
    }
}

using System.Text;

namespace ModelMeter.Tests.Checkpoints;

/// <summary>
/// Writes safetensors files from the format description (8-byte little-endian header length, JSON header, data):
/// the header by hand, the data as a sparse hole of the right length.
/// </summary>
internal sealed class SafetensorsWriter
{
    private readonly List<(string Name, string DType, long[] Shape, long Bytes)> _tensors = [];

    public static int Bits(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 64, "F32" or "I32" or "U32" => 32, "F16" or "BF16" or "I16" or "U16" => 16,
        "F4" => 4, "F6_E2M3" or "F6_E3M2" => 6, _ => 8,
    };

    public SafetensorsWriter Tensor(string name, string dtype, params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        _tensors.Add((name, dtype, shape, (n * Bits(dtype) + 7) / 8));
        return this;
    }

    public long TotalBytes => _tensors.Sum(t => t.Bytes);

    public void Write(string path, string? extraHeaderJson = null)
    {
        var sb = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach (var (name, dtype, shape, bytes) in _tensors)
        {
            sb.Append($",\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + bytes}]}}");
            offset += bytes;
        }
        if (extraHeaderJson is not null) sb.Append(',').Append(extraHeaderJson);
        sb.Append('}');
        while (sb.Length % 8 != 0) sb.Append(' ');
        var header = Encoding.UTF8.GetBytes(sb.ToString());
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        f.Write(BitConverter.GetBytes((ulong)header.Length));
        f.Write(header);
        f.SetLength(8 + header.Length + offset);
    }
}

using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using ModelMeter.Graphs;

namespace ModelMeter.Runtime;

/// <summary>Reads NumPy <c>.npy</c> files (format versions 1, 2 and 3; little-endian f2/f4/f8/i1/i2/i4/i8/u1/u2/u4/u8/b1; C order).</summary>
public static partial class NpyReader
{
    static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file; throws <see cref="ModelMeterException"/> (BadModel) naming the file and the problem.</summary>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw ModelMeterException.BadModel(path, "cannot read .npy file: " + e.Message, e); }
        catch (UnauthorizedAccessException e) { throw ModelMeterException.BadModel(path, "cannot read .npy file: " + e.Message, e); }
        try { return Parse(bytes); }
        catch (InvalidDataException e) { throw ModelMeterException.BadModel(path, e.Message, e); }
    }

    /// <summary>Parses the bytes of a .npy file; throws <see cref="InvalidDataException"/> when they are not one we support.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(s_magic)) throw new InvalidDataException("not a .npy file (magic missing)");
        int major = bytes[6];
        int headerLen, start;
        switch (major)
        {
            case 1: headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]); start = 10; break;
            case 2 or 3:
                if (bytes.Length < 12) throw new InvalidDataException("truncated .npy header");
                headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..])); start = 12; break;
            default: throw new InvalidDataException($".npy format version {major} is not supported");
        }
        if (start + headerLen > bytes.Length) throw new InvalidDataException("truncated .npy header");
        var header = Encoding.UTF8.GetString(bytes.Slice(start, headerLen));
        var descr = DescrRegex().Match(header);
        var order = OrderRegex().Match(header);
        var shape = ShapeRegex().Match(header);
        if (!descr.Success || !order.Success || !shape.Success) throw new InvalidDataException($"unreadable .npy header: {header.Trim()}");
        if (order.Groups[1].Value == "True") throw new InvalidDataException("Fortran-order arrays are not supported");
        var d = descr.Groups[1].Value;
        var (type, size) = d switch
        {
            "<f2" => (DataType.Float16, 2), "<f4" => (DataType.Float, 4), "<f8" => (DataType.Double, 8),
            "|i1" or "<i1" => (DataType.Int8, 1), "<i2" => (DataType.Int16, 2), "<i4" => (DataType.Int32, 4), "<i8" => (DataType.Int64, 8),
            "|u1" or "<u1" => (DataType.UInt8, 1), "<u2" => (DataType.UInt16, 2), "<u4" => (DataType.UInt32, 4), "<u8" => (DataType.UInt64, 8),
            "|b1" => (DataType.Bool, 1),
            _ => throw new InvalidDataException($".npy dtype '{d}' is not supported (little-endian f2/f4/f8/i1-i8/u1-u8/b1 are)"),
        };
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, out var v) && v >= 0 ? v : throw new InvalidDataException($"bad .npy shape '{shape.Groups[1].Value}'")).ToArray();
        long n = 1;
        foreach (var x in dims) n = checked(n * x);
        var dataStart = start + headerLen;
        var need = checked(n * size);
        if (bytes.Length - dataStart < need) throw new InvalidDataException($".npy data is truncated: {bytes.Length - dataStart} bytes for {n} elements of {d}");
        return new NpyArray(type, dims, bytes.Slice(dataStart, (int)need).ToArray());
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderRegex();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}

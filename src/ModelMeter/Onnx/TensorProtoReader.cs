using System.Buffers.Binary;
using Google.Protobuf;
using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>
/// Reads TensorProto without copying its payload: raw_data and packed typed fields are only located
/// (offset and length in the file); unpacked repeated values, legal but rare, are decoded.
/// </summary>
internal static class TensorProtoReader
{
    private const string Msg = "TensorProto";

    // One piece of typed data in file order: a packed run (Offset/Length) or a single unpacked value.
    private readonly record struct Piece(long Offset, long Length, double Value, bool Packed);

    /// <summary>TensorProto: dims 1, data_type 2, float 4, int32 5, string 6, int64 7, name 8, raw 9,
    /// double 10, uint64 11, external_data 13, data_location 14.</summary>
    public static TensorData Read(ReadContext c, string message, int field, int wt)
    {
        var r = c.R;
        long old = c.Begin(message, field, wt);
        var dims = new List<long>();
        int dataType = 0, location = 0;
        string name = "";
        long rawOffset = -1, rawLength = 0;
        var encoding = TensorEncoding.None;
        List<Piece>? pieces = null;
        List<KeyValuePair<string, string>>? external = null;
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: c.Int64s(Msg, f, w, dims); break;
                case 2: dataType = (int)c.Varint(Msg, f, w); break;
                case 4: Typed(c, f, w, TensorEncoding.Fixed32Float, WireReader.Fixed32Type, ref encoding, ref pieces); break;
                case 5: Typed(c, f, w, TensorEncoding.VarintInt32, WireReader.VarintType, ref encoding, ref pieces); break;
                case 7: Typed(c, f, w, TensorEncoding.VarintInt64, WireReader.VarintType, ref encoding, ref pieces); break;
                case 10: Typed(c, f, w, TensorEncoding.Fixed64Double, WireReader.Fixed64Type, ref encoding, ref pieces); break;
                case 11: Typed(c, f, w, TensorEncoding.VarintUInt64, WireReader.VarintType, ref encoding, ref pieces); break;
                case 8: name = c.String(Msg, f, w); break;
                case 9:
                    if (w != WireReader.LengthType) throw ReadContext.WrongType(Msg, f, w);
                    (rawOffset, rawLength) = r.SkipBytes();
                    break;
                case 13: (external ??= []).Add(c.Entry(Msg, f, w)); break;
                case 14: location = (int)c.Varint(Msg, f, w); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        var type = (DataType)dataType;
        var dimArray = dims.ToArray();
        if (location == 1)
            return External(c, name, type, dimArray, external);
        if (rawOffset >= 0)
            return new TensorData { Name = name, DataType = type, Dims = dimArray, Encoding = TensorEncoding.Raw, Source = c.InlineSource, Offset = rawOffset, Length = rawLength };
        if (pieces is null)
            return new TensorData { Name = name, DataType = type, Dims = dimArray };
        if (pieces.Count == 1 && pieces[0].Packed)
            return new TensorData { Name = name, DataType = type, Dims = dimArray, Encoding = encoding, Source = c.InlineSource, Offset = pieces[0].Offset, Length = pieces[0].Length };
        return new TensorData { Name = name, DataType = type, Dims = dimArray, Encoding = TensorEncoding.Decoded, InlineValues = Decode(c, pieces, encoding, type) };
    }

    private static void Typed(ReadContext c, int field, int wt, TensorEncoding enc, int scalarWireType, ref TensorEncoding encoding, ref List<Piece>? pieces)
    {
        var r = c.R;
        encoding = enc;
        pieces ??= [];
        if (wt == WireReader.LengthType)
        {
            var (off, len) = r.SkipBytes();
            pieces.Add(new Piece(off, len, 0, true));
            return;
        }
        if (wt != scalarWireType) throw ReadContext.WrongType(Msg, field, wt);
        double v = enc switch
        {
            TensorEncoding.Fixed32Float => BitConverter.UInt32BitsToSingle(r.ReadFixed32()),
            TensorEncoding.Fixed64Double => BitConverter.UInt64BitsToDouble(r.ReadFixed64()),
            TensorEncoding.VarintUInt64 => r.ReadVarint(),
            _ => (long)r.ReadVarint(),
        };
        pieces.Add(new Piece(0, 0, v, false));
    }

    private static double[] Decode(ReadContext c, List<Piece> pieces, TensorEncoding enc, DataType type)
    {
        var values = new List<double>();
        foreach (var p in pieces)
        {
            if (!p.Packed) { values.Add(p.Value); continue; }
            if (p.Length > int.MaxValue) throw new WireFormatException($"malformed: packed tensor data of {p.Length} bytes");
            var bytes = c.InlineSource.Read(p.Offset, (int)p.Length);
            switch (enc)
            {
                case TensorEncoding.Fixed32Float:
                    for (int i = 0; i + 4 <= bytes.Length; i += 4) values.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i)));
                    break;
                case TensorEncoding.Fixed64Double:
                    for (int i = 0; i + 8 <= bytes.Length; i += 8) values.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i)));
                    break;
                default:
                    var s = new CodedInputStream(bytes);
                    try
                    {
                        while (!s.IsAtEnd) values.Add(enc == TensorEncoding.VarintUInt64 ? s.ReadUInt64() : s.ReadInt64());
                    }
                    catch (InvalidProtocolBufferException) { throw new WireFormatException($"malformed: bad varint in packed tensor data at byte {p.Offset}"); }
                    break;
            }
        }
        if (enc == TensorEncoding.VarintInt32 && type is DataType.Float16 or DataType.BFloat16)
        {
            for (int i = 0; i < values.Count; i++)
            {
                var bits = (long)values[i];
                values[i] = type == DataType.Float16 ? (double)BitConverter.Int16BitsToHalf((short)bits) : BitConverter.Int32BitsToSingle((int)(bits << 16));
            }
        }
        return [.. values];
    }

    private static TensorData External(ReadContext c, string name, DataType type, long[] dims, List<KeyValuePair<string, string>>? entries)
    {
        string? location = null;
        long offset = 0;
        long? length = null;
        foreach (var (k, v) in entries ?? [])
        {
            switch (k)
            {
                case "location": location = v; break;
                case "offset" when long.TryParse(v, out var o) && o >= 0: offset = o; break;
                case "length" when long.TryParse(v, out var l) && l >= 0: length = l; break;
            }
        }
        long size;
        try { size = length ?? DataTypes.Bytes(type, new TensorData { Name = name, DataType = type, Dims = dims }.ElementCount); }
        catch (OverflowException) { size = 0; }
        var result = new TensorData
        {
            Name = name, DataType = type, Dims = dims, IsExternal = true, ExternalLocation = location,
            Encoding = TensorEncoding.Raw, Offset = offset, Length = size,
        };
        if (string.IsNullOrEmpty(location))
        {
            c.Warnings.Add($"tensor '{name}' has external data without a location: analysing from dims alone");
            return result;
        }
        ExternalDataResolver.Status status;
        string path;
        long fileSize;
        try { (status, path, fileSize) = c.External.Resolve(location); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { (status, path, fileSize) = (ExternalDataResolver.Status.Unsafe, location, 0); }
        switch (status)
        {
            case ExternalDataResolver.Status.Missing:
                c.MissingFiles.Add(location);
                return result;
            case ExternalDataResolver.Status.Unsafe:
                if (c.ReportedLocations.Add(location))
                    c.Warnings.Add($"external data location '{location}' (tensor '{name}') is outside the model's folder: not opened");
                return result;
        }
        if (offset + size > fileSize || offset + size < 0)
        {
            c.Warnings.Add($"external data of tensor '{name}' ({size} bytes at offset {offset}) lies beyond the end of '{location}' ({fileSize} bytes)");
            return result;
        }
        if (!c.Sources.TryGetValue(path, out var source)) c.Sources[path] = source = new FileTensorSource(path);
        return new TensorData
        {
            Name = name, DataType = type, Dims = dims, IsExternal = true, ExternalLocation = location,
            Encoding = TensorEncoding.Raw, Source = source, Offset = offset, Length = size,
        };
    }

    /// <summary>SparseTensorProto (values 1, indices 2, dims 3) as a dense-shaped tensor without payload.</summary>
    public static TensorData ReadSparse(ReadContext c, string message, int field, int wt)
    {
        var r = c.R;
        long old = c.Begin(message, field, wt);
        TensorData? values = null;
        var dims = new List<long>();
        while (r.TryReadTag(out int f, out int w))
        {
            switch (f)
            {
                case 1: values = Read(c, "SparseTensorProto", f, w); break;
                case 2: Read(c, "SparseTensorProto", f, w); break;
                case 3: c.Int64s("SparseTensorProto", f, w, dims); break;
                default: r.SkipField(w); break;
            }
        }
        r.PopMessage(old);
        return new TensorData { Name = values?.Name ?? "", DataType = values?.DataType ?? DataType.Undefined, Dims = [.. dims] };
    }
}

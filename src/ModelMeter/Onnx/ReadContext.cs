using System.Runtime.CompilerServices;
using ModelMeter.Graphs;

namespace ModelMeter.Onnx;

/// <summary>Thrown when the current thread's stack runs low; the reader then retries on a thread with a big stack.</summary>
internal sealed class StackExhaustedException(string message) : Exception(message);

/// <summary>State shared by the message readers while one model is read.</summary>
internal sealed class ReadContext(WireReader reader, ITensorSource inlineSource, string? modelFolder, OnnxReadOptions options)
{
    public WireReader R { get; } = reader;
    public ITensorSource InlineSource { get; } = inlineSource;
    public ExternalDataResolver External { get; } = new(modelFolder);
    public int MaxDepth { get; } = options.EffectiveMaxDepth;
    public HashSet<string> NodeNames { get; } = new(StringComparer.Ordinal);
    public List<string> Warnings { get; } = [];
    public SortedSet<string> MissingFiles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ReportedLocations { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FileTensorSource> Sources { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);
    public int NegativeDims { get; set; }
    public string? FirstNegativeDim { get; set; }

    /// <summary>Checks nesting depth and remaining stack before descending into a nested graph or type.</summary>
    public void Enter(int depth, string what)
    {
        if (depth > MaxDepth)
            throw new WireFormatException($"malformed: {what} nested deeper than {MaxDepth} levels");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new StackExhaustedException($"malformed: {what} nested too deeply to read (depth {depth})");
    }

    public static WireFormatException WrongType(string message, int field, int wireType) =>
        new($"not an ONNX model: field {field} of {message} has wire type {wireType}");

    /// <summary>Reads a string field (checking the wire type).</summary>
    public string String(string message, int field, int wt)
    {
        if (wt != WireReader.LengthType) throw WrongType(message, field, wt);
        return R.ReadString();
    }

    /// <summary>Reads a varint field (checking the wire type).</summary>
    public long Varint(string message, int field, int wt)
    {
        if (wt != WireReader.VarintType) throw WrongType(message, field, wt);
        return (long)R.ReadVarint();
    }

    /// <summary>Enters an embedded message field (checking the wire type); returns the limit to restore.</summary>
    public long Begin(string message, int field, int wt)
    {
        if (wt != WireReader.LengthType) throw WrongType(message, field, wt);
        return R.PushMessage();
    }

    /// <summary>Reads a repeated int64 field, packed or not.</summary>
    public void Int64s(string message, int field, int wt, List<long> into)
    {
        if (wt == WireReader.VarintType) { into.Add((long)R.ReadVarint()); return; }
        long old = Begin(message, field, wt);
        while (R.Position < R.Limit) into.Add((long)R.ReadVarint());
        R.PopMessage(old);
    }

    /// <summary>Reads a repeated float field, packed or not.</summary>
    public void Floats(string message, int field, int wt, List<float> into)
    {
        if (wt == WireReader.Fixed32Type) { into.Add(BitConverter.UInt32BitsToSingle(R.ReadFixed32())); return; }
        long old = Begin(message, field, wt);
        while (R.Position < R.Limit) into.Add(BitConverter.UInt32BitsToSingle(R.ReadFixed32()));
        R.PopMessage(old);
    }

    /// <summary>Reads a StringStringEntryProto (key 1, value 2).</summary>
    public KeyValuePair<string, string> Entry(string message, int field, int wt)
    {
        long old = Begin(message, field, wt);
        string key = "", value = "";
        while (R.TryReadTag(out int f, out int w))
        {
            if (f == 1) key = String("StringStringEntryProto", f, w);
            else if (f == 2) value = String("StringStringEntryProto", f, w);
            else R.SkipField(w);
        }
        R.PopMessage(old);
        return new(key, value);
    }

    /// <summary>Reads an OperatorSetIdProto (domain 1, version 2) into a map (highest version wins).</summary>
    public void Opset(string message, int field, int wt, Dictionary<string, long> into)
    {
        long old = Begin(message, field, wt);
        string domain = "";
        long version = 0;
        while (R.TryReadTag(out int f, out int w))
        {
            if (f == 1) domain = String("OperatorSetIdProto", f, w);
            else if (f == 2) version = Varint("OperatorSetIdProto", f, w);
            else R.SkipField(w);
        }
        R.PopMessage(old);
        into[domain] = into.TryGetValue(domain, out var v) ? Math.Max(v, version) : version;
    }

    /// <summary>Gives the node a unique name: its own, or <c>OpType_index</c>, suffixed when taken.</summary>
    public string UniqueNodeName(string name, string opType, int index)
    {
        var baseName = name.Length > 0 ? name : $"{(opType.Length > 0 ? opType : "Node")}_{index}";
        if (NodeNames.Add(baseName)) return baseName;
        int k = _nextSuffix.TryGetValue(baseName, out var n) ? n : 1;
        string candidate;
        do candidate = $"{baseName}_{k++}"; while (!NodeNames.Add(candidate));
        _nextSuffix[baseName] = k;
        return candidate;
    }

    /// <summary>The warnings to attach to the model (missing weight files summarised on one line).</summary>
    public List<string> FinishWarnings()
    {
        var result = new List<string>(Warnings);
        if (MissingFiles.Count > 0)
            result.Insert(0, $"weights file{(MissingFiles.Count > 1 ? "s" : "")} {string.Join(", ", MissingFiles.Select(f => $"'{f}'"))} not found: analysing from dims alone");
        if (NegativeDims > 0)
            result.Add($"{NegativeDims} negative dim_value(s) treated as unknown (first in '{FirstNegativeDim}')");
        return result;
    }
}

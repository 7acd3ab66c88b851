namespace ModelMeter.Tests.Reliability;

/// <summary>ONNX messages for the hostile-input tests, built with <see cref="Pb"/> byte by byte.</summary>
internal static class HostilePb
{
    public const int Float32 = 1, TInt64 = 7;

    public static Pb Model(Pb graph, long opset = 13) =>
        new Pb().Int(1, 8).Str(2, "hostile-test").Msg(7, graph).Msg(8, new Pb().Str(1, "").Int(2, opset));

    /// <summary>ValueInfoProto with a tensor type; dims are numbers or symbol names.</summary>
    public static Pb Value(string name, int elemType, params object[] dims)
    {
        var shape = new Pb();
        foreach (var d in dims)
            shape.Msg(1, d is string s ? new Pb().Str(2, s) : new Pb().Int(1, Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)));
        return new Pb().Str(1, name).Msg(2, new Pb().Msg(1, new Pb().Int(1, elemType).Msg(2, shape)));
    }

    public static Pb Node(string op, string[] inputs, string[] outputs, string? name = null, params Pb[] attributes)
    {
        var n = new Pb();
        foreach (var i in inputs) n.Str(1, i);
        foreach (var o in outputs) n.Str(2, o);
        n.Str(3, name ?? op + "_" + string.Join("_", outputs)).Str(4, op);
        foreach (var a in attributes) n.Msg(5, a);
        return n;
    }

    public static Pb GraphAttr(string name, Pb graph) => new Pb().Str(1, name).Msg(6, graph).Int(20, 5);

    public static Pb Tensor(string name, int dataType, long[] dims, byte[]? raw = null)
    {
        var t = new Pb();
        foreach (var d in dims) t.Int(1, d);
        t.Int(2, dataType).Str(8, name);
        if (raw is not null) t.Bytes(9, raw);
        return t;
    }

    public static Pb Graph(string name, IEnumerable<Pb> nodes, IEnumerable<Pb> inputs, IEnumerable<Pb> outputs, IEnumerable<Pb>? initializers = null)
    {
        var g = new Pb();
        foreach (var n in nodes) g.Msg(1, n);
        g.Str(2, name);
        foreach (var t in initializers ?? []) g.Msg(5, t);
        foreach (var i in inputs) g.Msg(11, i);
        foreach (var o in outputs) g.Msg(12, o);
        return g;
    }
}

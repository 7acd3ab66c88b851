using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Tests.Onnx;

/// <summary>Structural equality of models (what a round trip must preserve).</summary>
internal static class ModelAssert
{
    public static void Equal(Model expected, Model actual)
    {
        Assert.Equal(expected.IrVersion, actual.IrVersion);
        Assert.Equal(expected.ProducerName, actual.ProducerName);
        Assert.Equal(expected.ProducerVersion, actual.ProducerVersion);
        Assert.Equal(expected.Domain, actual.Domain);
        Assert.Equal(expected.ModelVersion, actual.ModelVersion);
        Assert.Equal(expected.DocString, actual.DocString);
        Assert.Equal(expected.Opsets.OrderBy(k => k.Key), actual.Opsets.OrderBy(k => k.Key));
        Assert.Equal(expected.Metadata.OrderBy(k => k.Key), actual.Metadata.OrderBy(k => k.Key));
        Graph(expected.Graph, actual.Graph);
        Assert.Equal(expected.Functions.Count, actual.Functions.Count);
        for (int i = 0; i < expected.Functions.Count; i++)
        {
            var (e, a) = (expected.Functions[i], actual.Functions[i]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Domain, a.Domain);
            Assert.Equal(e.Inputs, a.Inputs);
            Assert.Equal(e.Outputs, a.Outputs);
            Assert.Equal(e.AttributeNames, a.AttributeNames);
            Assert.Equal(e.Opsets.OrderBy(k => k.Key), a.Opsets.OrderBy(k => k.Key));
            Nodes(e.Nodes, a.Nodes);
            Assert.Equal(e.AttributeDefaults.Count, a.AttributeDefaults.Count);
            for (int j = 0; j < e.AttributeDefaults.Count; j++) Attribute(e.AttributeDefaults[j], a.AttributeDefaults[j]);
        }
    }

    public static void Graph(Graph e, Graph a)
    {
        Assert.Equal(e.Name, a.Name);
        Assert.Equal(e.DocString, a.DocString);
        Assert.Equal(e.Inputs, a.Inputs);
        Assert.Equal(e.Outputs, a.Outputs);
        Assert.Equal(e.ValueInfos, a.ValueInfos);
        Assert.Equal(e.Initializers.Keys, a.Initializers.Keys);
        foreach (var (name, t) in e.Initializers) Tensor(t, a.Initializers[name]);
        Nodes(e.Nodes, a.Nodes);
    }

    private static void Nodes(IReadOnlyList<Node> e, IReadOnlyList<Node> a)
    {
        Assert.Equal(e.Count, a.Count);
        for (int i = 0; i < e.Count; i++)
        {
            Assert.Equal(e[i].Name, a[i].Name);
            Assert.Equal(e[i].OpType, a[i].OpType);
            Assert.Equal(e[i].Domain, a[i].Domain);
            Assert.Equal(e[i].Inputs, a[i].Inputs);
            Assert.Equal(e[i].Outputs, a[i].Outputs);
            Assert.Equal(e[i].DocString, a[i].DocString);
            Assert.Equal(e[i].Attributes.Keys, a[i].Attributes.Keys);
            foreach (var (k, attr) in e[i].Attributes) Attribute(attr, a[i].Attributes[k]);
        }
    }

    private static void Attribute(NodeAttribute e, NodeAttribute a)
    {
        Assert.Equal(e.Name, a.Name);
        Assert.Equal(e.Type, a.Type);
        Assert.Equal(e.RefAttrName, a.RefAttrName);
        Assert.Equal(e.F, a.F);
        Assert.Equal(e.I, a.I);
        Assert.Equal(e.S, a.S);
        Assert.Equal(e.Floats, a.Floats);
        Assert.Equal(e.Ints, a.Ints);
        Assert.Equal(e.Strings, a.Strings);
        Assert.Equal(e.TypeValue, a.TypeValue);
        Assert.Equal(e.T is null, a.T is null);
        if (e.T is not null) Tensor(e.T, a.T!);
        Assert.Equal(e.Tensors.Count, a.Tensors.Count);
        for (int i = 0; i < e.Tensors.Count; i++) Tensor(e.Tensors[i], a.Tensors[i]);
        Assert.Equal(e.G is null, a.G is null);
        if (e.G is not null) Graph(e.G, a.G!);
        Assert.Equal(e.Graphs.Count, a.Graphs.Count);
        for (int i = 0; i < e.Graphs.Count; i++) Graph(e.Graphs[i], a.Graphs[i]);
    }

    public static void Tensor(TensorData e, TensorData a)
    {
        Assert.Equal(e.Name, a.Name);
        Assert.Equal(e.DataType, a.DataType);
        Assert.Equal(e.Dims, a.Dims);
        Assert.Equal(e.IsExternal, a.IsExternal);
        Assert.Equal(e.ExternalLocation, a.ExternalLocation);
        Assert.Equal(e.HasPayload, a.HasPayload);
        if (e.HasPayload && e.ElementCount <= 1 << 16 && e.TryReadDoubles() is { } values)
            Assert.Equal(values, a.TryReadDoubles());
        else if (e.HasPayload)
            Assert.Equal(e.ReadPayload(), a.ReadPayload());
    }
}

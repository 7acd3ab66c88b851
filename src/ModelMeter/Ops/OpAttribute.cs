namespace ModelMeter.Ops;

/// <summary>Marks an <see cref="IOpRule"/> class as the rule for an operator; the default registry finds it by reflection.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class OpAttribute : Attribute
{
    /// <summary>Registers the class for <paramref name="opType"/> in <paramref name="domain"/> ("" = ai.onnx).</summary>
    public OpAttribute(string opType, string domain = "")
    {
        OpType = opType;
        Domain = domain;
    }

    /// <summary>Operator type.</summary>
    public string OpType { get; }

    /// <summary>Domain ("" = ai.onnx, "com.microsoft", …).</summary>
    public string Domain { get; }
}

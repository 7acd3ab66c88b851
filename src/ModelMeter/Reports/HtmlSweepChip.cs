namespace ModelMeter.Reports;

/// <summary>One chip's estimated latency against the swept dim.</summary>
/// <param name="Id">Chip id.</param>
/// <param name="Meaning">What the latency is (the engine's prediction or the node-by-node roofline, batch, precision).</param>
/// <param name="LatencyS">Seconds per value (null where the value failed).</param>
public sealed record HtmlSweepChip(string Id, string Meaning, IReadOnlyList<double?> LatencyS);

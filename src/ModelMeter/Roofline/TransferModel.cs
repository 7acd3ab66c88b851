using System.Globalization;
using ModelMeter.Costs;
using ModelMeter.Graphs;
using ModelMeter.Hardware;

namespace ModelMeter.Roofline;

/// <summary>Host↔device copies: a batch's inputs host→device and outputs device→host, one after the other, not overlapped with
/// compute, each at the link's typical achieved bandwidth per direction plus a fixed per-copy latency; the weights once.
/// Assumptions in docs/counting.md, "Transfers".</summary>
public static class TransferModel
{
    /// <summary>Fixed cost of one copy in seconds (driver call and DMA setup of a pinned-memory <c>cudaMemcpy</c>).</summary>
    public const double CopyLatencyS = 10e-6;

    /// <summary>Bytes of the model's graph inputs and outputs at the dims the profile was analysed with; null when a shape is not
    /// fully known.</summary>
    public static (long Input, long Output)? IoBytes(ModelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        long? Sum(IEnumerable<TensorInfo> tensors)
        {
            long total = 0;
            foreach (var t in tensors)
            {
                if (t.Shape is not { } shape) return null;
                long elements = 1;
                foreach (var d in shape.Dims)
                {
                    if (d.Evaluate(s => profile.DimsUsed.TryGetValue(s, out var v) ? v : null) is not { } n) return null;
                    elements = checked(elements * n);
                }
                total = checked(total + DataTypes.Bytes(t.DataType, elements));
            }
            return total;
        }
        return Sum(profile.Inputs) is { } i && Sum(profile.Outputs) is { } o ? (i, o) : null;
    }

    /// <summary>The estimate with <see cref="Estimate.TransferS"/> (one batch of <paramref name="inputBytes"/> in and
    /// <paramref name="outputBytes"/> out) and <see cref="Estimate.WeightLoadS"/> filled in, with a note naming the link.</summary>
    public static Estimate WithTransfer(this Estimate estimate, HardwareSpec hw, double inputBytes, double outputBytes)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(hw);
        var ic = hw.Interconnect;
        if (ic.HostLink is { } host && host.Contains("unified", StringComparison.OrdinalIgnoreCase))
            return estimate with
            {
                TransferS = 0, WeightLoadS = 0,
                Notes = [.. estimate.Notes, $"transfer: {hw.Id} shares memory with the host ({host}); no copies counted"],
            };
        if (ic.HostTypicalPerDirection is not { } gbps)
            return estimate with { Notes = [.. estimate.Notes, $"transfer: {hw.Id} has no host link bandwidth in the catalog; no transfer time"] };
        var bw = gbps * 1e9;
        double transfer = 2 * CopyLatencyS + (inputBytes + outputBytes) / bw;
        double load = CopyLatencyS + estimate.Memory.WeightBytes / bw;
        var link = ic.HostLink ?? (ic.PcieGen is { } g ? $"PCIe Gen{g} x{ic.PcieLanes ?? 16}" : "the host link");
        var inv = CultureInfo.InvariantCulture;
        return estimate with
        {
            TransferS = transfer,
            WeightLoadS = load,
            Notes = [.. estimate.Notes, string.Format(inv,
                "transfer: {0} in + {1} out per batch over {2} at {3:0.#} GB/s each way (typical achieved; theoretical {4:0.#}), +{5:0} µs per copy; weights loaded once: {6:0.###} s",
                Bytes(inputBytes), Bytes(outputBytes), link, gbps, ic.HostTheoreticalPerDirection ?? gbps, CopyLatencyS * 1e6, load)],
        };
    }

    static string Bytes(double b) => b >= 1e9 ? (b / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB"
        : b >= 1e6 ? (b / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB"
        : (b / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " kB";
}

namespace ModelMeter.Hardware;

/// <summary>PCIe arithmetic for host↔device links (conventions in docs/counting.md, "Transfers").</summary>
public static class LinkMath
{
    /// <summary>Share of the theoretical per-direction PCIe bandwidth that a large pinned-memory copy typically reaches
    /// (CUDA <c>bandwidthTest</c>: ≈ 12–13 of 15.75 GB/s on Gen3 x16, ≈ 25–26 of 31.5 on Gen4 x16, ≈ 50–55 of 63 on Gen5 x16;
    /// an NVIDIA forum report gives 11 GB/s on Gen3 x16). Transaction-layer headers and flow control take the rest.</summary>
    public const double TypicalShare = 0.8;

    /// <summary>Theoretical PCIe bandwidth per direction in GB/s (10^9 B/s) per lane after line coding: Gen1 2.5 GT/s 8b/10b,
    /// Gen2 5 GT/s 8b/10b, Gen3 8 GT/s and Gen4 16 GT/s and Gen5 32 GT/s 128b/130b, Gen6 64 GT/s PAM4 FLIT (242/256).</summary>
    public static double? PerLaneGbps(int generation) => generation switch
    {
        1 => 0.25,
        2 => 0.5,
        3 => 8.0 * 128 / 130 / 8,
        4 => 16.0 * 128 / 130 / 8,
        5 => 32.0 * 128 / 130 / 8,
        6 => 64.0 * 242 / 256 / 8,
        _ => null,
    };

    /// <summary>Theoretical per-direction GB/s of a PCIe link (x16 when <paramref name="lanes"/> is null); null when the
    /// generation is unknown.</summary>
    public static double? PciePerDirection(int? generation, int? lanes)
        => generation is { } g && PerLaneGbps(g) is { } lane ? lane * (lanes ?? 16) : null;
}

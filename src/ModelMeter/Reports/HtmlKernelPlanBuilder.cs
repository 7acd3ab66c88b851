using System.Globalization;
using System.Text;
using ModelMeter.Costs;
using ModelMeter.Engines;
using ModelMeter.Roofline;

namespace ModelMeter.Reports;

/// <summary>Packs the kernel plans of every engine of the catalog for the page's engine what-if: one plan per distinct set of fusion
/// rules, with batch slopes taken from the plans of the model re-analysed at the counted batch + 1 (and checked at a third batch).</summary>
internal static class HtmlKernelPlanBuilder
{
    private const string Offsets = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Kernel kind names, indexed by <see cref="HtmlKernelSig.Kind"/>.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<KernelKind>().Select(k => k.ToString().ToLowerInvariant())];

    /// <summary>The engines of <paramref name="catalog"/> and the plans their fusion rules make of <paramref name="profile"/>.</summary>
    public static (IReadOnlyList<HtmlEngine> Engines, IReadOnlyList<HtmlKernelPlan> Plans) Build(ModelProfile profile, HtmlWhatIfOptions options, EngineCatalog catalog)
    {
        var plans = new List<HtmlKernelPlan>();
        var byRules = new Dictionary<FusionRules, int>();
        var byContent = new Dictionary<string, int>(StringComparer.Ordinal); // different rules often make the same kernels of a model
        var engines = new List<HtmlEngine>();
        foreach (var e in catalog.Engines)
        {
            if (!byRules.TryGetValue(e.Fusion, out var k))
            {
                var plan = Plan(profile, e.Fusion, options);
                var content = Content(plan);
                if (!byContent.TryGetValue(content, out k)) { k = plans.Count; byContent[content] = k; plans.Add(plan); }
                byRules[e.Fusion] = k;
            }
            engines.Add(new HtmlEngine
            {
                Id = e.Id, Name = e.Name, Plan = k, GemmFraction = e.GemmFraction, Fp16Accumulate = e.Fp16Accumulate, KernelGapS = e.KernelGapS,
                HostPerKernelS = e.HostPerKernelS, PerRunS = e.PerRunS, CopiesIo = e.CopiesIo,
            });
        }
        return (engines, plans);
    }

    private static HtmlKernelPlan Plan(ModelProfile profile, FusionRules rules, HtmlWhatIfOptions o)
    {
        var counted = Math.Max(1, o.CountedBatch);
        var a = FusionPass.Run(profile, rules, "", counted);
        KernelPlan? b = o.BatchSymbol is not null && o.NextBatch is { } next ? FusionPass.Run(next, rules, "", counted + 1) : null;
        var slopes = b is not null && Same(a, b);
        KernelPlan? c = null;
        if (slopes && o.Check is { } chk)
        {
            c = FusionPass.Run(chk.Profile, rules, "", chk.Batch);
            if (!Same(a, c)) (slopes, c) = (false, null); // the kernels change between batches: the page has them at the counted batch only
        }
        var checkOffset = o.Check is { } ck ? ck.Batch - counted : 0;

        var kernelOf = new int[profile.Nodes.Count];
        Array.Fill(kernelOf, -1);
        var anchors = new List<int[]>();
        var sig = new List<int>(a.Kernels.Count);
        var sigs = new List<HtmlKernelSig>();
        var sigIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var nonLinear = 0;
        for (var i = 0; i < a.Kernels.Count; i++)
        {
            var k = a.Kernels[i];
            for (var j = 0; j < k.NodeIndices.Count; j++) kernelOf[k.NodeIndices[j]] = i;
            var pos = k.NodeIndices.Select((n, j) => (n, j)).FirstOrDefault(x => profile.Nodes[x.n].Name == k.Name).j;
            if (pos != 0) anchors.Add([i, pos]);
            var s = Sig(a, i, slopes ? b : null);
            if (c is not null && s.ValueSlopes is { } dv && !Linear(s, Sig(c, i, null), dv, checkOffset)) nonLinear++;
            var key = Key(s);
            if (!sigIndex.TryGetValue(key, out var si)) { si = sigs.Count; sigIndex[key] = si; sigs.Add(s); }
            sig.Add(si);
        }
        var text = new StringBuilder(kernelOf.Length);
        var far = new List<int[]>();
        var newest = -1;
        for (var n = 0; n < kernelOf.Length; n++)
        {
            var k = kernelOf[n];
            if (k < 0) text.Append('.');
            else if (k == newest + 1) { text.Append('+'); newest = k; }
            else if (k <= newest && newest - k < Offsets.Length) text.Append(Offsets[newest - k]);
            else { text.Append('~'); far.Add([n, k]); newest = Math.Max(newest, k); }
        }
        return new HtmlKernelPlan
        {
            Nodes = text.ToString(), Far = far, Anchors = anchors, Sig = sig, Sigs = sigs, IoBytes = a.IoBytes,
            IoSlope = slopes ? b!.IoBytes - a.IoBytes : 0, Slopes = slopes, NonLinearKernels = nonLinear,
        };
    }

    /// <summary>Kernel <paramref name="i"/> of <paramref name="a"/>, with slopes to the same kernel of <paramref name="b"/>.</summary>
    private static HtmlKernelSig Sig(KernelPlan a, int i, KernelPlan? b)
    {
        var k = a.Kernels[i];
        double[] V(Kernel x) => [x.Flops, x.BytesRead, x.BytesWritten, x.WeightBytes, x.IndexBytes, x.IndexWeightBytes];
        var v = V(k);
        var r = Resident(a, i);
        var other = b?.Kernels[i];
        return new HtmlKernelSig
        {
            Kind = (int)k.Kind,
            Class = HtmlWhatIfBuilder.ClassName(k.Kind == KernelKind.Attention ? OpClass.Gemm : k.Class),
            Precision = PeakRules.Name(k.Precision),
            Values = v,
            ValueSlopes = other is null ? null : [.. V(other).Select((x, j) => x - v[j])],
            Gemm = k.Gemm is { } g ? [g.M, g.N, g.K] : null,
            GemmSlope = other?.Gemm is { } og && k.Gemm is { } kg ? og.M - kg.M : null,
            Resident = r.Count > 0 ? r : null,
            ResidentSlopes = other is not null && r.Count > 0 ? [.. Resident(b!, i).Select((x, j) => x - r[j])] : null,
        };
    }

    /// <summary>Bytes of the inputs of kernel <paramref name="i"/> that the kernel before it wrote, in input order.</summary>
    private static List<double> Resident(KernelPlan p, int i)
    {
        var list = new List<double>();
        if (i == 0) return list;
        var previous = new HashSet<string>(p.Kernels[i - 1].OutputTensors, StringComparer.Ordinal);
        var k = p.Kernels[i];
        for (var j = 0; j < k.InputTensors.Count; j++)
            if (previous.Contains(k.InputTensors[j])) list.Add(k.InputTensorBytes[j]);
        return list;
    }

    /// <summary>True when the counts at the check batch are those the slopes give.</summary>
    private static bool Linear(HtmlKernelSig s, HtmlKernelSig check, IReadOnlyList<double> dv, int offset)
    {
        for (var j = 0; j < dv.Count; j++) if (s.Values[j] + dv[j] * offset != check.Values[j]) return false;
        if (s.Gemm is { } g && check.Gemm is { } cg && g[0] + (s.GemmSlope ?? 0) * offset != cg[0]) return false;
        if (s.Resident is { } r && check.Resident is { } cr && s.ResidentSlopes is { } dr)
            for (var j = 0; j < r.Count; j++) if (r[j] + dr[j] * offset != cr[j]) return false;
        return true;
    }

    /// <summary>True when the two plans have the same kernels: nodes, kinds, classes, precisions, tensors and GEMM N and K.</summary>
    private static bool Same(KernelPlan a, KernelPlan b)
    {
        if (a.Kernels.Count != b.Kernels.Count) return false;
        for (var i = 0; i < a.Kernels.Count; i++)
        {
            Kernel x = a.Kernels[i], y = b.Kernels[i];
            if (x.Name != y.Name || x.Kind != y.Kind || x.Class != y.Class || x.Precision != y.Precision
                || !x.NodeIndices.SequenceEqual(y.NodeIndices) || !x.InputTensors.SequenceEqual(y.InputTensors, StringComparer.Ordinal)
                || !x.OutputTensors.SequenceEqual(y.OutputTensors, StringComparer.Ordinal)
                || x.Gemm.HasValue != y.Gemm.HasValue || (x.Gemm is { } g && (g.N != y.Gemm!.Value.N || g.K != y.Gemm.Value.K)))
                return false;
        }
        return true;
    }

    private static string Content(HtmlKernelPlan p)
    {
        static string I(IEnumerable<int> v) => string.Join(",", v.Select(x => x.ToString(CultureInfo.InvariantCulture)));
        return string.Join("/", p.Nodes, I(p.Far.SelectMany(x => x)), I(p.Anchors.SelectMany(x => x)), I(p.Sig), string.Join(";", p.Sigs.Select(Key)),
            p.IoBytes.ToString("R", CultureInfo.InvariantCulture), p.IoSlope.ToString("R", CultureInfo.InvariantCulture), p.Slopes ? "1" : "0",
            p.NonLinearKernels.ToString(CultureInfo.InvariantCulture));
    }

    private static string Key(HtmlKernelSig s)
    {
        static string L(IReadOnlyList<double>? v) => v is null ? "-" : string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        return string.Join("|", s.Kind.ToString(CultureInfo.InvariantCulture), s.Class, s.Precision, L(s.Values), L(s.ValueSlopes), L(s.Gemm),
            s.GemmSlope?.ToString("R", CultureInfo.InvariantCulture) ?? "-", L(s.Resident), L(s.ResidentSlopes));
    }
}

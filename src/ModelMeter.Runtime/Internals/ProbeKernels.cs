using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelMeter.Runtime.Internals;

/// <summary>The probe's compute and memory kernels.</summary>
static class ProbeKernels
{
    /// <summary>Vector width in floats of the FMA kernel (16 with AVX-512F, 8 with AVX2+FMA, else the portable Vector width).</summary>
    public static int Lanes => Avx512F.IsSupported ? 16 : System.Runtime.Intrinsics.X86.Fma.IsSupported ? 8 : Vector<float>.Count;

    /// <summary>Which instruction set the FMA kernel uses.</summary>
    public static string Isa => Avx512F.IsSupported ? "AVX-512F FMA (Vector512)" : System.Runtime.Intrinsics.X86.Fma.IsSupported ? "AVX2 FMA (Vector256)" : "portable Vector<float>";

    const int Accumulators = 12;

    /// <summary>Runs <paramref name="iterations"/> rounds of 12 independent FMA chains; returns the FLOPs done.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double FmaChains(long iterations, out float sink)
    {
        if (Avx512F.IsSupported)
        {
            var b = Vector512.Create(0.999999f); var c = Vector512.Create(1e-6f);
            Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Avx512F.FusedMultiplyAdd(a0, b, c); a1 = Avx512F.FusedMultiplyAdd(a1, b, c); a2 = Avx512F.FusedMultiplyAdd(a2, b, c);
                a3 = Avx512F.FusedMultiplyAdd(a3, b, c); a4 = Avx512F.FusedMultiplyAdd(a4, b, c); a5 = Avx512F.FusedMultiplyAdd(a5, b, c);
                a6 = Avx512F.FusedMultiplyAdd(a6, b, c); a7 = Avx512F.FusedMultiplyAdd(a7, b, c); a8 = Avx512F.FusedMultiplyAdd(a8, b, c);
                a9 = Avx512F.FusedMultiplyAdd(a9, b, c); a10 = Avx512F.FusedMultiplyAdd(a10, b, c); a11 = Avx512F.FusedMultiplyAdd(a11, b, c);
            }
            sink = Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
            return iterations * (double)Accumulators * 16 * 2;
        }
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            var b = Vector256.Create(0.999999f); var c = Vector256.Create(1e-6f);
            Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (long i = 0; i < iterations; i++)
            {
                a0 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a0, b, c); a1 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a1, b, c);
                a2 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a2, b, c); a3 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a3, b, c);
                a4 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a4, b, c); a5 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a5, b, c);
                a6 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a6, b, c); a7 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a7, b, c);
                a8 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a8, b, c); a9 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a9, b, c);
                a10 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a10, b, c); a11 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a11, b, c);
            }
            sink = Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
            return iterations * (double)Accumulators * 8 * 2;
        }
        var vb = new Vector<float>(0.999999f); var vc = new Vector<float>(1e-6f);
        Vector<float> p0 = Vector<float>.One, p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0, p6 = p0, p7 = p0;
        for (long i = 0; i < iterations; i++)
        {
            p0 = p0 * vb + vc; p1 = p1 * vb + vc; p2 = p2 * vb + vc; p3 = p3 * vb + vc;
            p4 = p4 * vb + vc; p5 = p5 * vb + vc; p6 = p6 * vb + vc; p7 = p7 * vb + vc;
        }
        sink = Vector.Sum(p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7);
        return iterations * 8.0 * Vector<float>.Count * 2;
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads started together; returns the slowest thread's seconds.</summary>
    public static double Parallel(int threads, Action<int> body)
    {
        if (threads == 1)
        {
            var t0 = Stopwatch.GetTimestamp();
            body(0);
            return Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        using var start = new Barrier(threads + 1);
        var elapsed = new double[threads];
        var ts = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            start.SignalAndWait();
            var t0 = Stopwatch.GetTimestamp();
            body(k);
            elapsed[k] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }) { IsBackground = true }).ToList();
        foreach (var t in ts) t.Start();
        start.SignalAndWait();
        foreach (var t in ts) t.Join();
        return elapsed.Max();
    }

    /// <summary>Sums a slice (read bandwidth).</summary>
    public static float Read(ReadOnlySpan<float> a)
    {
        Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
        var w = Vector<float>.Count;
        int i = 0;
        for (; i + 4 * w <= a.Length; i += 4 * w)
        {
            s0 += new Vector<float>(a[i..]); s1 += new Vector<float>(a[(i + w)..]);
            s2 += new Vector<float>(a[(i + 2 * w)..]); s3 += new Vector<float>(a[(i + 3 * w)..]);
        }
        float r = Vector.Sum(s0 + s1 + s2 + s3);
        for (; i < a.Length; i++) r += a[i];
        return r;
    }

    /// <summary>
    /// a = b + s·c (STREAM triad). With AVX the stores are non-temporal (they bypass the cache, so the destination is
    /// not read first), as an optimising C compiler emits for this loop; otherwise portable vectors.
    /// </summary>
    public static unsafe void Triad(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float s)
    {
        int i = 0;
        if (Avx.IsSupported && a.Length >= 64)
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                for (; i < a.Length && ((nuint)(pa + i) & 31) != 0; i++) pa[i] = pb[i] + s * pc[i];
                var vs = Vector256.Create(s);
                for (; i + 8 <= a.Length; i += 8)
                {
                    var v = Fma.IsSupported ? Fma.MultiplyAdd(vs, Avx.LoadVector256(pc + i), Avx.LoadVector256(pb + i))
                        : Avx.Add(Avx.LoadVector256(pb + i), Avx.Multiply(vs, Avx.LoadVector256(pc + i)));
                    Avx.StoreAlignedNonTemporal(pa + i, v);
                }
                Sse.StoreFence();
            }
        }
        else
        {
            var w = Vector<float>.Count;
            var vs = new Vector<float>(s);
            for (; i + w <= a.Length; i += w) (new Vector<float>(b[i..]) + vs * new Vector<float>(c[i..])).CopyTo(a[i..]);
        }
        for (; i < a.Length; i++) a[i] = b[i] + s * c[i];
    }
}

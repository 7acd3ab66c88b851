using ModelMeter.Graphs;
using ModelMeter.Shapes;

namespace ModelMeter.Internals;

/// <summary>Shape helpers shared by op rules.</summary>
internal static class ShapeMath
{
    /// <summary>Numpy-style multidirectional broadcast; throws <see cref="ShapeException"/> when incompatible.</summary>
    public static Shape Broadcast(params Shape[] shapes)
    {
        int rank = shapes.Max(s => s.Rank);
        var dims = new Dim[rank];
        for (int k = 0; k < rank; k++)
        {
            Dim result = 1;
            bool set = false;
            foreach (var s in shapes)
            {
                int idx = k - (rank - s.Rank);
                if (idx < 0) continue;
                var d = s[idx];
                if (!set) { result = d; set = true; continue; }
                result = Merge(result, d);
            }
            dims[k] = result;
        }
        return new Shape(dims);
    }

    private static Dim Merge(Dim a, Dim b)
    {
        if (a.IsKnown && a.Value == 1) return b;
        if (b.IsKnown && b.Value == 1) return a;
        if (a == b) return a;
        if (a.IsKnown && b.IsKnown) throw new ShapeException($"cannot broadcast dims {a} and {b}");
        if (a.IsKnown) return a; // symbolic b must equal a (or be 1)
        if (b.IsKnown) return b;
        return a.IsUnknown ? b : a;
    }

    /// <summary>Normalises a possibly negative axis for a tensor of <paramref name="rank"/>.</summary>
    public static int Axis(long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1) && !(rank == 0 && a == 0)) throw new ShapeException($"axis {axis} out of range for rank {rank}");
        return (int)a;
    }

    /// <summary>Product of known dims (checked).</summary>
    public static long Product(IEnumerable<long> values)
    {
        long p = 1;
        foreach (var v in values) p = checked(p * v);
        return p;
    }
}

using System.Text;
using ModelMeter.Graphs;
using Xunit;

namespace ModelMeter.Runtime.Tests;

public class NpyAndStatsTests
{
    // Byte-for-byte what numpy 1.x writes for np.save(f, np.array([[1.5, -2.0, 3.25], [0.0, 4.0, -1.0]], dtype='<f4')):
    // magic, version 1.0, header length 118, a dict padded with spaces to a 64-byte boundary ending in '\n'.
    static byte[] NumpyFile(string descr, string shape, byte[] data, int major = 1)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var pre = major == 1 ? 10 : 12;
        var total = (pre + dict.Length + 1 + 63) / 64 * 64;
        var header = dict.PadRight(total - pre - 1) + "\n";
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) ms.Write(BitConverter.GetBytes((ushort)header.Length));
        else ms.Write(BitConverter.GetBytes((uint)header.Length));
        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void Reads_v1_float32_matrix()
    {
        float[] v = [1.5f, -2f, 3.25f, 0f, 4f, -1f];
        var bytes = NumpyFile("<f4", "(2, 3)", [.. v.SelectMany(BitConverter.GetBytes)]);
        Assert.Equal(128, bytes.Length - 24); // 10-byte preamble + 118-byte header = 128, then 24 data bytes
        var a = NpyReader.Parse(bytes);
        Assert.Equal(DataType.Float, a.DataType);
        Assert.Equal([2L, 3L], a.Shape);
        Assert.Equal(v, a.As<float>());
    }

    [Fact]
    public void Reads_v2_int64_vector_bool_and_scalar()
    {
        var a = NpyReader.Parse(NumpyFile("<i8", "(3,)", [.. new long[] { 7, -1, 50256 }.SelectMany(BitConverter.GetBytes)], major: 2));
        Assert.Equal(DataType.Int64, a.DataType);
        Assert.Equal([7L, -1L, 50256L], a.As<long>());
        var b = NpyReader.Parse(NumpyFile("|b1", "(2,)", [1, 0]));
        Assert.Equal([true, false], b.As<bool>());
        var s = NpyReader.Parse(NumpyFile("|u1", "()", [200]));
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.ElementCount);
    }

    [Fact]
    public void Rejects_big_endian_fortran_and_truncated()
    {
        Assert.Throws<InvalidDataException>(() => NpyReader.Parse(NumpyFile(">f4", "(1,)", [0, 0, 0, 0])));
        Assert.Throws<InvalidDataException>(() => NpyReader.Parse(NumpyFile("<f4", "(2,)", [0, 0, 0, 0])));
        var fortran = Encoding.ASCII.GetBytes("x");
        Assert.Throws<InvalidDataException>(() => NpyReader.Parse(fortran));
    }

    [Fact]
    public void Percentiles_match_numpy_linear_interpolation()
    {
        // numpy.percentile([1..10], [50, 90, 99]) = 5.5, 9.1, 9.91
        var s = LatencyStats.From([.. Enumerable.Range(1, 10).Select(i => (double)i).Reverse()]);
        Assert.Equal(5.5, s.P50, 12);
        Assert.Equal(9.1, s.P90, 12);
        Assert.Equal(9.91, s.P99, 12);
        Assert.Equal(5.5, s.Mean, 12);
        Assert.Equal(1, s.Min);
        Assert.Equal(10, s.Max);
        Assert.Equal(1 / 5.5, s.Throughput, 12);
        var one = LatencyStats.From([0.25]);
        Assert.Equal(0.25, one.P99);
    }
}

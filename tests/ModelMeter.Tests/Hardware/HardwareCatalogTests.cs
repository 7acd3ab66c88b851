using Xunit;
using ModelMeter.Costs;
using ModelMeter.Hardware;

namespace ModelMeter.Tests.Hardware;

public class HardwareCatalogTests
{
    static readonly string[] s_ids =
    [
        "t4", "v100-sxm2-32g", "a10", "a100-40g-sxm", "a100-80g-sxm", "a100-80g-pcie", "h100-sxm", "h100-pcie", "h200-sxm", "l4",
        "l40s", "rtx-3090", "rtx-4090", "jetson-agx-orin-64g", "jetson-orin-nano-8g", "mi250x", "mi300x", "tpu-v4", "tpu-v5e",
        "m2-max-gpu", "xeon-8480", "epyc-9654",
    ];

    static readonly string[] s_required =
    [
        "b200", "gb200", "b100", "gh200", "h20", "h800", "a800", "h100-nvl", "a30", "a40", "a2", "l40", "rtx-6000-ada",
        "rtx-pro-6000-blackwell", "rtx-5090", "jetson-orin-nx-16g", "jetson-agx-thor", "mi325x", "mi355x", "gaudi2", "gaudi3",
        "tpu-v5p", "tpu-v6e", "inferentia2", "trainium", "m1-gpu", "m1-pro-gpu", "m1-max-gpu", "m1-ultra-gpu", "m4-max-gpu",
    ];

    [Fact]
    public void Embedded_catalog_keeps_todays_ids_first_and_has_the_asked_for_parts()
    {
        var ids = HardwareCatalog.Embedded.Select(h => h.Id).ToList();
        Assert.Equal(s_ids, ids.Take(s_ids.Length));
        Assert.All(s_required, id => Assert.Contains(id, ids));
        Assert.True(ids.Count >= 50, $"{ids.Count} entries");
    }

    [Fact]
    public void T4_is_exactly_the_seed()
    {
        var t4 = HardwareCatalog.Default.Get("t4");
        Assert.Equal(8.1, t4.Peak(Precision.Fp32));
        Assert.Equal(65, t4.Peak(Precision.Fp16));
        Assert.Equal(130, t4.Peak(Precision.Int8));
        Assert.Equal(260, t4.Peak(Precision.Int4));
        Assert.Null(t4.Peak(Precision.Tf32));
        Assert.Null(t4.Peak(Precision.Bf16));
        Assert.Equal(16, t4.MemoryGb);
        Assert.Equal(320, t4.MemoryBandwidthGbps);
        Assert.Equal(3, t4.Interconnect.PcieGen);
        Assert.Equal(16, t4.Interconnect.PcieLanes);
        Assert.Equal(32, t4.Interconnect.PcieGbps);
        Assert.Equal(70, t4.TdpW);
        Assert.Equal("S1", t4.SourceId);
        Assert.Contains(t4.Notes, n => n.Contains("320+", StringComparison.Ordinal) && n.Contains("300", StringComparison.Ordinal));
        Assert.Equal(HardwareKind.Gpu, t4.Kind);
    }

    [Fact]
    public void Ridge_point_of_every_chip_is_peak_over_bandwidth()
    {
        foreach (var hw in HardwareCatalog.Embedded)
            foreach (var p in Enum.GetValues<Precision>())
            {
                var peak = hw.Peak(p);
                var ridge = hw.RidgePoint(p);
                if (peak is null) { Assert.Null(ridge); continue; }
                Assert.Equal(peak.Value * 1e12 / (hw.MemoryBandwidthGbps * 1e9), ridge!.Value, 9);
            }
        Assert.Equal(8.1e12 / 320e9, HardwareCatalog.Default.Get("t4").RidgePoint(Precision.Fp32)!.Value, 12);
        Assert.Equal(65e12 / 320e9, HardwareCatalog.Default.Get("t4").RidgePoint(Precision.Fp16)!.Value, 12);
    }

    [Fact]
    public void Lookup_is_case_insensitive() => Assert.Same(HardwareCatalog.Default.Get("t4"), HardwareCatalog.Default.Get(" T4 "));

    [Fact]
    public void Unknown_id_lists_close_ids()
    {
        var e = Assert.Throws<ModelMeterException>(() => HardwareCatalog.Default.Get("h100"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("'h100-sxm'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'h100-pcie'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ModelMeterException>(() => HardwareCatalog.Default.Get("a100-80g-sxn"));
        Assert.Contains("'a100-80g-sxm'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetMany_splits_commas() => Assert.Equal(["t4", "l4"], HardwareCatalog.Default.GetMany("t4, L4").Select(h => h.Id));

    const string Minimal = """{ "id": "foo", "name": "Foo", "kind": "gpu", "peak_tflops": { "fp32": 10 }, "memory_bandwidth_gbps": 100 }""";

    [Fact]
    public void User_file_single_entry_or_array()
    {
        var one = HardwareCatalog.Parse(Minimal, "my.json");
        Assert.Equal("foo", Assert.Single(one).Id);
        Assert.Equal(10, one[0].Peak(Precision.Fp32));
        Assert.Equal("my.json", one[0].Origin);
        var two = HardwareCatalog.Parse($"[{Minimal}, {Minimal.Replace("\"foo\"", "\"bar\"", StringComparison.Ordinal)}]", "my.json");
        Assert.Equal(["foo", "bar"], two.Select(h => h.Id));
    }

    [Theory]
    [InlineData("\"memory_bandwidth_gbps\": 100", "\"memory_bandwidth_gbps\": -1", "my.json: entry 'foo': field 'memory_bandwidth_gbps' must be a positive number (got -1)")]
    [InlineData("\"memory_bandwidth_gbps\": 100", "\"memory_bandwidth_gbps\": \"fast\"", "my.json: entry 'foo': field 'memory_bandwidth_gbps' must be a positive number (got \"fast\")")]
    [InlineData(", \"memory_bandwidth_gbps\": 100", "", "my.json: entry 'foo': field 'memory_bandwidth_gbps' is required (must be a positive number)")]
    [InlineData("\"fp32\": 10", "\"fp23\": 10", "my.json: entry 'foo': field 'peak_tflops.fp23' is not a precision")]
    [InlineData("\"fp32\": 10", "\"fp32\": 0", "my.json: entry 'foo': field 'peak_tflops.fp32' must be a positive number (got 0)")]
    [InlineData("\"kind\": \"gpu\"", "\"kind\": \"fpga\"", "my.json: entry 'foo': field 'kind' must be one of gpu, cpu, npu, tpu")]
    [InlineData("\"name\": \"Foo\"", "\"nmae\": \"Foo\"", "my.json: entry 'foo': field 'nmae' is not part of the hardware schema")]
    [InlineData("\"id\": \"foo\", ", "", "my.json: entry #1: field 'id' is required")]
    [InlineData("\"kind\": \"gpu\"", "\"kind\": \"gpu\", \"sm_count\": 1.5", "my.json: entry 'foo': field 'sm_count' must be a positive whole number (got 1.5)")]
    [InlineData("\"kind\": \"gpu\"", "\"kind\": \"gpu\", \"architecture\": \"Hopper\"", "my.json: entry 'foo': field 'architecture' must be a lower-case generation id")]
    [InlineData("\"kind\": \"gpu\"", "\"kind\": \"gpu\", \"field_sources\": { \"sm_cnt\": \"x\" }", "my.json: entry 'foo': field 'field_sources.sm_cnt' names no field")]
    public void Validation_errors_name_file_entry_and_field(string from, string to, string expected)
    {
        var json = Minimal.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Minimal, json);
        var e = Assert.Throws<ModelMeterException>(() => HardwareCatalog.Parse(json, "my.json"));
        Assert.Equal(ErrorKind.BadModel, e.Kind);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_and_duplicates_are_reported()
    {
        Assert.StartsWith("my.json: not valid JSON", Assert.Throws<ModelMeterException>(() => HardwareCatalog.Parse("{", "my.json")).Message, StringComparison.Ordinal);
        Assert.Equal("my.json: id 'foo' appears more than once",
            Assert.Throws<ModelMeterException>(() => HardwareCatalog.Parse($"[{Minimal},{Minimal}]", "my.json")).Message);
    }

    [Fact]
    public void Calibration_block_is_read_and_validated()
    {
        var json = Minimal[..Minimal.LastIndexOf('}')] + """
            , "calibration": { "source": "test", "default": { "overhead_s": 0.000005 },
              "op_classes": { "gemm": { "compute_efficiency": 0.6, "bandwidth_efficiency": 0.8 }, "depthwise_conv": { "compute_efficiency": 0.3 } } } }
            """;
        var c = HardwareCatalog.Parse(json, "my.json")[0].Calibration!;
        Assert.Equal("test", c.Source);
        Assert.Equal(new CalibrationFactors(0.6, 0.8, 0), c.For(OpClass.Gemm));
        Assert.Equal(0.3, c.For(OpClass.DepthwiseConv).ComputeEfficiency);
        Assert.Equal(5e-6, c.For(OpClass.Elementwise).OverheadS);

        var bad = json.Replace("\"gemm\"", "\"matmul\"", StringComparison.Ordinal);
        var e = Assert.Throws<ModelMeterException>(() => HardwareCatalog.Parse(bad, "my.json"));
        Assert.StartsWith("my.json: entry 'foo': field 'calibration.op_classes.matmul' is not an op class (one of conv, depthwise_conv, gemm,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_files_and_folder_extend_and_override_the_catalog()
    {
        var dir = Directory.CreateTempSubdirectory("mmhw");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.json"), Minimal);
            var t4 = Path.Combine(dir.FullName, "t4.json.txt");
            File.WriteAllText(t4, Minimal.Replace("\"foo\"", "\"T4\"", StringComparison.Ordinal));
            var catalog = HardwareCatalog.Load([t4], environmentFolder: dir.FullName);
            Assert.Equal(10, catalog.Get("foo").Peak(Precision.Fp32));
            Assert.Equal(10, catalog.Get("t4").Peak(Precision.Fp32));
            Assert.Equal(t4, catalog.Get("t4").Origin);
            Assert.Equal(HardwareCatalog.Embedded.Count + 1, catalog.Entries.Count);

            var missing = Path.Combine(dir.FullName, "nope.json");
            Assert.StartsWith(missing + ": cannot read", Assert.Throws<ModelMeterException>(() => HardwareCatalog.Load([missing], "")).Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class HardwareJsonWriterTests
{
    [Fact]
    public void Entries_round_trip_through_the_writer()
    {
        var calibrated = HardwareCatalog.Default.Get("t4") with
        {
            Calibration = new Calibration("measured", new CalibrationFactors(0.9, 0.8, 1e-6),
                new Dictionary<ModelMeter.Costs.OpClass, CalibrationFactors> { [ModelMeter.Costs.OpClass.Gemm] = new(0.7, 0.9, 2e-6) }),
        };
        var entries = HardwareCatalog.Embedded.Append(calibrated with { Id = "t4-cal" }).ToList();
        var json = HardwareJsonWriter.Serialize(entries);
        var back = HardwareCatalog.Parse(json, "out.json", "embedded");
        Assert.Equal(json, HardwareJsonWriter.Serialize(back));
        Assert.Equal(0.7, back[^1].Calibration!.For(ModelMeter.Costs.OpClass.Gemm).ComputeEfficiency);
        Assert.Equal(8.1, back[0].Peak(ModelMeter.Costs.Precision.Fp32));
    }
}

using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

public class ReportOriginTests
{
    public static TheoryData<string> Kinds => ["retrieval", "ann", "verification"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Json_and_markdown_say_when_on_which_machine_and_by_which_version_the_report_was_made(string kind)
    {
        using var dir = new TempDirectory();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var paths = Write(kind, dir.File($"{kind}.json"));
        var after = DateTime.UtcNow.AddSeconds(1);

        using var json = JsonDocument.Parse(File.ReadAllText(paths.Json));
        var origin = json.RootElement.GetProperty("origin");
        string created = origin.GetProperty("created_utc").GetString()!;
        var when = DateTime.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.EndsWith("Z", created, StringComparison.Ordinal);
        Assert.InRange(when, before, after);
        Assert.Equal(RuntimeInformation.OSDescription, origin.GetProperty("os").GetString());
        Assert.Equal(Environment.ProcessorCount, origin.GetProperty("processor_count").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(origin.GetProperty("cpu").GetString()));
        string version = typeof(ReportFiles).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(version, origin.GetProperty("version").GetString());

        string markdown = File.ReadAllText(paths.Markdown);
        Assert.Contains($"- made: {when:yyyy-MM-ddTHH:mm:ssZ}", markdown, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} processors", markdown, StringComparison.Ordinal);
        Assert.Contains($"ArcFace.VectorDb {version}", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_is_the_first_model_name_of_cpuinfo_or_else_the_architecture()
    {
        const string cpuInfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz\n\nprocessor\t: 1\nmodel name\t: other\n";
        string architecture = RuntimeInformation.ProcessArchitecture.ToString();

        Assert.Equal("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", ReportOrigin.CpuModel(cpuInfo));
        Assert.Equal(architecture, ReportOrigin.CpuModel("processor\t: 0\nBogoMIPS\t: 50.00\n"));
        Assert.Equal(architecture, ReportOrigin.CpuModel(null));
    }

    private static ReportPaths Write(string kind, string path) => kind switch
    {
        "retrieval" => ReportFiles.Write(path, ReportSamples.Retrieval(withHnsw: false)),
        "ann" => ReportFiles.Write(path, ReportSamples.AnnSweep()),
        _ => ReportFiles.Write(path, ReportSamples.Verification()),
    };
}

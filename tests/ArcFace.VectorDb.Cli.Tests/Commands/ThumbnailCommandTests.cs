using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb ingest` keeps a thumbnail per point unless `--thumbnails false`, and `arcvdb info` counts them.</summary>
public class ThumbnailCommandTests
{
    [Fact]
    public void Ingest_keeps_a_thumbnail_per_point_and_info_counts_them_in_json_and_table()
    {
        using var dir = new TempDirectory();
        int good = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 1);

        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery")).ExitCode);
        var json = StorageCommandTests.Collection(CliRun.Invoke("info", "--db", dir.File("db"), "--json"));
        var table = CliRun.Invoke("info", "--db", dir.File("db"));

        Assert.Equal(good, json.GetProperty("thumbnails").GetInt32());
        Assert.InRange(json.GetProperty("thumbnail_bytes").GetInt64(), good * 500L, good * 20_000L);
        Assert.Contains("thumbnails (MiB)", table.Output, StringComparison.Ordinal);
        Assert.Contains($"{good} (0.", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_with_thumbnails_false_keeps_none()
    {
        using var dir = new TempDirectory();
        int good = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 1);

        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery"), "--thumbnails", "false").ExitCode);
        var json = StorageCommandTests.Collection(CliRun.Invoke("info", "--db", dir.File("db"), "--json"));

        Assert.Equal(good, json.GetProperty("count").GetInt32());
        Assert.Equal(0, json.GetProperty("thumbnails").GetInt32());
    }
}

using System.Globalization;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>Creating databases (one rule everywhere) and reading vectors back out.</summary>
public class DatabaseCommandTests
{
    [Fact]
    public void Create_makes_an_empty_database_and_serve_refuses_a_missing_one_and_a_file_without_creating_anything()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.txt"), "x");

        var created = CliRun.Invoke("create", "--db", dir.File("db"));
        var again = CliRun.Invoke("create", "--db", dir.File("db"));
        var info = CliRun.Invoke("info", "--db", dir.File("db"));
        var typo = CliRun.Invoke("serve", "--db", dir.File("dbb"));
        var file = CliRun.Invoke("info", "--db", dir.File("notes.txt"));

        Assert.Equal((0, 1, 0, 1, 1), (created.ExitCode, again.ExitCode, info.ExitCode, typo.ExitCode, file.ExitCode));
        Assert.Contains("no collections", info.Output);
        Assert.Contains("is not empty", again.Error);
        Assert.Contains("does not exist; create the database first (arcvdb create --db", typo.Error);
        Assert.False(Directory.Exists(dir.File("dbb")));
        Assert.Contains("is a file, not a database directory", file.Error);
    }

    [Theory]
    [InlineData(".npy")]
    [InlineData(".fvecs")]
    public void Export_writes_back_the_stored_vectors_labels_and_ids_that_import_reads(string extension)
    {
        using var dir = new TempDirectory();
        string vectors = StorageCommandTests.WriteVectors(dir, 500);
        File.WriteAllLines(dir.File("ids.txt"), Enumerable.Range(0, 500).Select(i => (1000 + 3 * i).ToString(CultureInfo.InvariantCulture)));
        CliRun.Invoke("import", "--db", dir.File("db"), "--collection", "c", "--vectors", vectors, "--labels", dir.File("v.labels"), "--ids", dir.File("ids.txt"), "--metric", "L2");

        var export = CliRun.Invoke("export", "--db", dir.File("db"), "--collection", "c", "--out", dir.File("out" + extension), "--labels", dir.File("out.labels"), "--ids", dir.File("out.ids"));
        var reimport = CliRun.Invoke("import", "--db", dir.File("db2"), "--collection", "c", "--vectors", dir.File("out" + extension), "--labels", dir.File("out.labels"), "--ids", dir.File("out.ids"), "--metric", "L2");

        Assert.Equal((0, 0), (export.ExitCode, reimport.ExitCode));
        Assert.Equal(VectorFiles.ReadVectors(vectors).Data, VectorFiles.ReadVectors(dir.File("out" + extension)).Data);
        Assert.Equal(File.ReadAllLines(dir.File("v.labels")), File.ReadAllLines(dir.File("out.labels")));
        Assert.Equal(File.ReadAllLines(dir.File("ids.txt")), File.ReadAllLines(dir.File("out.ids")));
        Assert.Contains("exported 500 16-d vectors", export.Error);
    }

    [Fact]
    public void Export_refuses_an_unknown_format_and_an_unknown_collection()
    {
        using var dir = new TempDirectory();
        CliRun.Invoke("create", "--db", dir.File("db"));

        var format = CliRun.Invoke("export", "--db", dir.File("db"), "--collection", "c", "--out", dir.File("out.csv"));
        var unknown = CliRun.Invoke("export", "--db", dir.File("db"), "--collection", "c", "--out", dir.File("out.npy"));

        Assert.Contains("write .npy or .fvecs", format.Error);
        Assert.Contains("No collection 'c'", unknown.Error);
    }
}

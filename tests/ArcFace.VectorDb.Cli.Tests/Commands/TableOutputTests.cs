using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>Tables the CLI prints when its output is not a terminal.</summary>
public class TableOutputTests
{
    [Fact]
    public void Info_piped_prints_a_row_wider_than_80_columns_on_one_line()
    {
        using var dir = new TempDirectory();
        string name = new('n', 64);
        string vectors = StorageCommandTests.WriteVectors(dir, 10);
        Assert.Equal(0, CliRun.Invoke("import", "--db", dir.File("db"), "--collection", name, "--vectors", vectors).ExitCode);

        var info = CliRun.Invoke("info", "--db", dir.File("db"));

        Assert.Equal(0, info.ExitCode);
        var row = Assert.Single(info.Output.Split('\n'), line => line.Contains(name, StringComparison.Ordinal));
        Assert.True(row.Length > 80, $"the row is {row.Length} columns: {row}");
        Assert.Contains("Cosine", row, StringComparison.Ordinal);
    }
}

using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

public class MakeDataCommandTests
{
    private static CliRun Synthetic(string folder, params string[] overrides)
    {
        var options = new Dictionary<string, string> { ["--out"] = folder, ["--n"] = "500", ["--queries"] = "40", ["--dim"] = "32", ["--gt-k"] = "7" };
        for (int i = 0; i < overrides.Length; i += 2)
            options[overrides[i]] = overrides[i + 1];
        var args = new List<string> { "bench", "make-data", "synthetic" };
        foreach (var (name, value) in options)
            args.AddRange([name, value]);
        return CliRun.Invoke([.. args]);
    }

    [Fact]
    public void Synthetic_WritesFilesThatReadBackWithTheRightShapes()
    {
        using var dir = new TempDirectory();

        var run = Synthetic(dir.Path);

        Assert.Equal(0, run.ExitCode);
        var baseSet = VectorFiles.ReadVectors(dir.File("base.fvecs"));
        var queries = VectorFiles.ReadVectors(dir.File("query.fvecs"));
        var gt = VectorFiles.ReadIds(dir.File("gt.ivecs"));
        Assert.Equal((500, 32), (baseSet.Count, baseSet.Dimension));
        Assert.Equal((40, 32), (queries.Count, queries.Dimension));
        Assert.Equal((40, 7), (gt.Count, gt.Width));
        Assert.All(gt.Data, id => Assert.InRange(id, 0, 499));
        Assert.Equal(500, File.ReadAllLines(dir.File("base.labels")).Length);
        Assert.Equal(40, File.ReadAllLines(dir.File("query.labels")).Length);
        Assert.Contains(dir.File("gt.ivecs"), run.Output);
        Assert.Contains("mean cosine over random base pairs: same identity 0.5", run.Error);
        Assert.Contains("computing ground truth for 40 queries", run.Error);
    }

    [Fact]
    public void Synthetic_WithTheSameSeedWritesIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        Synthetic(first.Path, "--seed", "9");
        Synthetic(second.Path, "--seed", "9");

        foreach (string name in new[] { "base.fvecs", "query.fvecs", "gt.ivecs", "base.labels", "query.labels" })
            Assert.Equal(File.ReadAllBytes(first.File(name)), File.ReadAllBytes(second.File(name)));
    }

    [Theory]
    [InlineData("--cosine", "1", "--cosine must be strictly between 0 and 1; got 1.")]
    [InlineData("--cosine", "0", "--cosine must be strictly between 0 and 1; got 0.")]
    [InlineData("--dim", "0", "--dim must be between 1 and 65536; got 0.")]
    [InlineData("--dim", "65537", "--dim must be between 1 and 65536; got 65537.")]
    [InlineData("--n", "0", "--n must be at least 1; got 0.")]
    [InlineData("--gt-k", "0", "--gt-k must be at least 1; got 0.")]
    public void OutOfRangeOption_FailsWithAMessageNamingItAndItsRange(string option, string value, string expected)
    {
        using var dir = new TempDirectory();

        var run = Synthetic(dir.Path, option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ASetTooLargeForOneArray_FailsBeforeAnyWorkEvenWithTheDefaultDimension()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.File("data"), "--n", "5000000");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("5000000 vectors of 512 components do not fit in one array", run.Error);
        Assert.DoesNotContain("generating", run.Error);
        Assert.False(Directory.Exists(dir.File("data")));
    }

    [Fact]
    public void OutputFolderThatCannotBeCreated_FailsWithAClearMessage()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a-file"), "");

        var run = Synthetic(Path.Combine(dir.File("a-file"), "sub"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Cannot create the output folder", run.Error);
    }

    [Fact]
    public void FashionMnist_WithoutTheDataset_SaysHowToInstallItWithoutAStackTrace()
    {
        using var dir = new TempDirectory();

        var run = CliRun.Invoke("bench", "make-data", "fashion-mnist", "--out", dir.Path, "--source", dir.File("no-such-folder"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("apt-get install dataset-fashion-mnist", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void FashionMnist_OnHandMadeIdxFiles_WritesTheSameFileSet()
    {
        using var source = new TempDirectory();
        using var dir = new TempDirectory();
        Data.IdxBytes.WriteTinyFashionMnist(source.Path);

        var run = CliRun.Invoke("bench", "make-data", "fashion-mnist", "--out", dir.Path, "--source", source.Path, "--gt-k", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([1, 1], VectorFiles.ReadIds(dir.File("gt.ivecs")).Data);
        var queries = VectorFiles.ReadVectors(dir.File("query.fvecs"));
        Assert.Equal((2, 4), (queries.Count, queries.Dimension));
        Assert.Equal(["9", "0", "4"], File.ReadAllLines(dir.File("base.labels")));
    }
}

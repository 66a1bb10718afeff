using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Core.Tests.Formats;

public class TexmexFormatTests
{
    private static readonly VectorSet Three = new([0.5f, -1f, 2f, 3.25f, 4f, -5f, 6f, 7f, 1e-3f], dimension: 3);

    [Fact]
    public void Fvecs_RoundTripsThroughAFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("v.fvecs");

        VectorFiles.WriteFvecs(path, Three);
        var read = VectorFiles.ReadVectors(path);

        Assert.Equal(3, read.Dimension);
        Assert.Equal(Three.Data, read.Data);
        Assert.Equal(3 * (4 + 3 * 4), new FileInfo(path).Length);
    }

    [Fact]
    public void Ivecs_RoundTripsThroughAFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("gt.ivecs");
        var ids = new IdMatrix([5, 1, int.MaxValue, -1, 0, 42], width: 2);

        VectorFiles.WriteIvecs(path, ids);
        var read = VectorFiles.ReadIds(path);

        Assert.Equal(2, read.Width);
        Assert.Equal(ids.Data, read.Data);
    }

    [Fact]
    public void Bvecs_WidensBytesToFloatsWithoutScaling()
    {
        using var stream = new FileBytes().Row<byte>(0, 128, 255).Row<byte>(1, 2, 3).Stream();

        var read = VectorFiles.ReadVectors(stream, "v.bvecs");

        Assert.Equal([0f, 128f, 255f, 1f, 2f, 3f], read.Data);
        Assert.Equal(3, read.Dimension);
    }

    [Fact]
    public void Limit_ReadsOnlyTheFirstRows()
    {
        using var dir = new TempDirectory();
        string path = dir.File("v.fvecs");
        VectorFiles.WriteFvecs(path, Three);

        var read = VectorFiles.ReadVectors(path, limit: 2);

        Assert.Equal(2, read.Count);
        Assert.Equal(Three.Data.AsSpan(0, 6).ToArray(), read.Data);
    }

    [Fact]
    public void LimitZero_ReadsTheDimensionButNoRows()
    {
        using var stream = new FileBytes().Row(1f, 2f).Stream();

        var read = VectorFiles.ReadVectors(stream, "v.fvecs", limit: 0);

        Assert.Equal(0, read.Count);
        Assert.Equal(2, read.Dimension);
    }

    [Fact]
    public void NegativeLimit_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorFiles.ReadVectors(new FileBytes().Row(1f).Stream(), "v.fvecs", limit: -1));

    [Fact]
    public void ForwardOnlyStream_GrowsPastItsFirstGuessAndReadsEveryRow()
    {
        var bytes = new FileBytes();
        for (int i = 0; i < 3000; i++)
            bytes.Row(i, i + 1);

        var read = VectorFiles.ReadIds(bytes.ForwardOnlyStream(), "gt.ivecs");

        Assert.Equal(3000, read.Count);
        Assert.Equal([2999, 3000], read.Row(2999).ToArray());
    }

    [Fact]
    public void TruncatedRow_NamesTheRowAndTheBytesExpectedAndFound()
    {
        using var stream = new FileBytes().Row(1f, 2f, 3f).Row(4f, 5f, 6f).Cut(5).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "cut.fvecs"));

        Assert.Equal("cut.fvecs: truncated at row 1: expected 16 bytes, found 11.", e.Message);
    }

    [Fact]
    public void TruncatedRowHeader_NamesTheRow()
    {
        using var stream = new FileBytes().Row(1f, 2f).Values<byte>(2, 0).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "cut.fvecs"));

        Assert.Contains("truncated at row 1: expected 12 bytes, found 2", e.Message);
    }

    [Fact]
    public void InconsistentDimension_NamesTheRowAndBothDimensions()
    {
        using var stream = new FileBytes().Row(1f, 2f).Row(3f, 4f).Row(5f, 6f, 7f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "mixed.fvecs"));

        Assert.Equal("mixed.fvecs: row 2 has dimension 3, but the first row had 2; every row must have the same dimension.", e.Message);
    }

    [Theory]
    [InlineData(0, "dimension 0 in row 0 is not positive")]
    [InlineData(-7, "dimension -7 in row 0 is not positive")]
    [InlineData(1 << 24, "dimension 16777216 in row 0 is absurd")]
    public void ImplausibleDimension_IsAnError(int dimension, string expected)
    {
        using var stream = new FileBytes().Int32(dimension).Values(1f, 2f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "bad.fvecs"));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty.ivecs");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadIds(path));

        Assert.Equal($"{path}: the file is empty.", e.Message);
        Assert.Equal(path, e.FilePath);
    }
}
